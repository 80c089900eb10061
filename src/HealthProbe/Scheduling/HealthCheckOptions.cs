using System.ComponentModel.DataAnnotations;

namespace HealthProbe.Scheduling;

/// <summary>
/// How often and how patiently a group's nodes are probed, and how results are judged. Not sealed: a
/// consumer's per-group options extend it, so its settings stay flat.
/// </summary>
public class HealthCheckOptions
{
    /// <summary>Time between probes of a node whose state is settled (±10% jitter). The default value is 1000 ms.</summary>
    [Range(50, 3_600_000)]
    public int IntervalMs { get; set; } = 1000;

    /// <summary>A probe not finished after this counts as failed. The default value is 1000 ms.</summary>
    [Range(10, 600_000)]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>
    /// After a result that disagrees with the state (a failure while up, a success while down), the next
    /// probe comes this soon instead of after the interval, so Rise/Fall confirm a change quickly (HAProxy's
    /// fastinter). A probe still unanswered after this long also starts its confirming probe at once. The
    /// default value is 250 ms.
    /// </summary>
    [Range(10, 600_000)]
    public int RecheckMs { get; set; } = 250;

    /// <summary>Consecutive successes that make a node Up. The default value is 2.</summary>
    [Range(1, 100)]
    public int Rise { get; set; } = 2;

    /// <summary>Consecutive failures that make a node Down. The default value is 2.</summary>
    [Range(1, 100)]
    public int Fall { get; set; } = 2;

    internal TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMs);
    internal TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);
    internal TimeSpan Recheck => TimeSpan.FromMilliseconds(RecheckMs);

    internal bool SameAs(HealthCheckOptions other) =>
        IntervalMs == other.IntervalMs && TimeoutMs == other.TimeoutMs && RecheckMs == other.RecheckMs && Rise == other.Rise && Fall == other.Fall;
}
