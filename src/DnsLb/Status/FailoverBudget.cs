namespace DnsLb.Status;

/// <summary>
/// How long, at worst, a client can still be handed a dead member: the time to detect it plus the TTL.
/// The worst case is a node that goes silent just after a good probe (a refused connection or an error
/// status is noticed sooner): the next probe comes after the interval plus its 10% jitter, every probe of
/// a silent node fails only at the timeout, and after a failure the confirming probes follow at the
/// recheck delay (started early beside a probe that hangs longer than it) until Fall failures mark it
/// down. A client that asked just before still holds the answer for the TTL.
/// </summary>
/// <param name="NextProbeSeconds">Until the next probe starts: the interval plus jitter.</param>
/// <param name="ConfirmSeconds">From that probe to Fall failures, each at the timeout.</param>
/// <param name="TtlSeconds">How long a client that asked just before may keep the answer.</param>
/// <param name="TotalSeconds">The three added up.</param>
/// <param name="IsLong">True when the total is longer than <see cref="LongSeconds"/>.</param>
public sealed record FailoverBudget(double NextProbeSeconds, double ConfirmSeconds, int TtlSeconds, double TotalSeconds, bool IsLong)
{
    /// <summary>A budget above this is shown with a warning (a browser's own host cache keeps answers about 60 s).</summary>
    public const double LongSeconds = 30;

    /// <summary>The probe interval's largest jitter (the probe loop waits 90% to 110% of it).</summary>
    private const double Jitter = 1.1;

    /// <summary>The time to detect a silent node: until the next probe starts plus until Fall failures.</summary>
    public double DetectionSeconds => NextProbeSeconds + ConfirmSeconds;

    public static FailoverBudget For(ProbeTiming timing, int ttlSeconds)
    {
        double next = timing.IntervalMs * Jitter / 1000;
        double confirm = ConfirmMs(timing) / 1000;
        double total = next + confirm + ttlSeconds;
        return new FailoverBudget(Round(next), Round(confirm), ttlSeconds, Round(total), total > LongSeconds);
    }

    /// <summary>
    /// From the first failing probe's start to the failure that makes Fall, following the probe loop: while
    /// a probe hangs past the recheck delay a confirming probe starts beside it, so one round counts two
    /// failures in recheck + timeout; otherwise one failure per timeout; rounds are a recheck delay apart.
    /// </summary>
    private static double ConfirmMs(ProbeTiming timing)
    {
        double t = 0;
        int failures = 0;
        bool hedged = timing.RecheckMs < timing.TimeoutMs;
        while (true)
        {
            if (++failures >= timing.Fall)
                return t + timing.TimeoutMs;
            if (hedged)
            {
                if (++failures >= timing.Fall)
                    return t + timing.RecheckMs + timing.TimeoutMs;
                t += timing.RecheckMs + timing.TimeoutMs + timing.RecheckMs;
            }
            else
            {
                t += timing.TimeoutMs + timing.RecheckMs;
            }
        }
    }

    private static double Round(double seconds) => Math.Round(seconds, 3);
}
