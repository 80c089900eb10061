using System.Net;
using HealthProbe.Probes;

namespace HealthProbe.Tests.Support;

/// <summary>A probe whose behaviour a test scripts; counts calls and the most probes seen in flight at once.</summary>
internal sealed class FakeProbe(Func<IPAddress, CancellationToken, Task<ProbeResult>> behaviour) : IHealthProbe
{
    private int _inFlight;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int MaxInFlight { get; private set; }

    public string Description => "fake";

    public async ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _inFlight);
        lock (this)
            MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            return await behaviour(address, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
