using HealthProbe.Scheduling;

namespace DnsLb.Status;

/// <summary>A pool's probe timing, in milliseconds and counts, as configured (see <see cref="HealthCheckOptions"/>).</summary>
public sealed record ProbeTiming(int IntervalMs, int TimeoutMs, int RecheckMs, int Rise, int Fall)
{
    public static ProbeTiming From(HealthCheckOptions options) =>
        new(options.IntervalMs, options.TimeoutMs, options.RecheckMs, options.Rise, options.Fall);
}
