using HealthProbe.State;

namespace HealthProbe.Scheduling;

/// <summary>
/// Turns the tracker's decision (<see cref="NextProbe"/>) into the wait before the next probe: pure, so the
/// cadence is tested without a clock. The interval counts from the end of a probe; the recheck delay from
/// the start of the probe whose result is being confirmed, so the patience ambiguous evidence is owed is
/// not paid twice by a probe that already waited for its answer.
/// </summary>
internal static class ProbeCadence
{
    /// <summary>The jitter around the interval: the wait is 90% to 110% of it.</summary>
    public const double Jitter = 0.1;

    /// <param name="next">What the tracker decided after the result.</param>
    /// <param name="timing">The group's timing.</param>
    /// <param name="sinceProbeStarted">How long ago the probe that gave the result started.</param>
    /// <param name="random">A number from 0 (inclusive) to 1 (exclusive) that places the jitter.</param>
    public static TimeSpan Wait(NextProbe next, HealthCheckOptions timing, TimeSpan sinceProbeStarted, double random) => next switch
    {
        NextProbe.AtOnce => TimeSpan.Zero,
        NextProbe.AfterRecheck => timing.Recheck > sinceProbeStarted ? timing.Recheck - sinceProbeStarted : TimeSpan.Zero,
        _ => timing.Interval * (1 - Jitter + (2 * Jitter * random)),
    };
}
