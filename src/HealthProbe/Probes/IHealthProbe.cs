using System.Net;

namespace HealthProbe.Probes;

/// <summary>
/// Checks one address once. A probe only does I/O and says what it saw; judging (rise/fall) and storing
/// state happen elsewhere. Implementations turn expected network failures into a failed
/// <see cref="ProbeResult"/>; the scheduler also treats any exception as a failed probe.
/// </summary>
public interface IHealthProbe
{
    /// <summary>What the probe checks, for logs and status pages (e.g. "HTTP GET :80/").</summary>
    string Description { get; }

    ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken);
}
