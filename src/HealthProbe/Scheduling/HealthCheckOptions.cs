using System.ComponentModel.DataAnnotations;

namespace HealthProbe.Scheduling;

/// <summary>
/// How often and how patiently a group's nodes are probed, and how results are judged. Not sealed: a
/// consumer's per-group options extend it, so its settings stay flat.
/// </summary>
public class HealthCheckOptions
{
    /// <summary>
    /// Time between probes of a node whose state is settled (±10% jitter, so probes do not march in step).
    /// A refused connection or an error status is confirmed at once, so this is what a killed or restarted
    /// node waits at most before it leaves or rejoins the answers: half of it on average. A probe costs one
    /// connection (and one GET), nothing on a LAN. The default value is 300 ms.
    /// </summary>
    [Range(50, 3_600_000)]
    public int IntervalMs { get; set; } = 300;

    /// <summary>
    /// The most a probe is ever given: one not finished after this has failed, whatever has been learned
    /// (see <see cref="DeadlineMarginMs"/>). A node that answers consistently within it stays up. The
    /// default value is 1000 ms.
    /// </summary>
    [Range(10, 600_000)]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>
    /// The patience owed to ambiguous evidence. After a failure that may be a fluke (no answer in time, an
    /// error the node did not say) while the node is served, the confirming probe starts this long after
    /// the failed one began, or at once if that one already took longer. Definitive results (a refused or
    /// reset connection, an unexpected status, an expected answer) are confirmed at once. The default
    /// value is 250 ms.
    /// </summary>
    [Range(10, 600_000)]
    public int RecheckMs { get; set; } = 250;

    /// <summary>
    /// The least time beyond a node's usual latency that a probe of it gets before it is late. Each node's
    /// deadline is learned from its answers as TCP learns its retransmission timeout: smoothed latency
    /// plus the larger of 4 × its variation and this margin, never above <see cref="TimeoutMs"/> (and
    /// <see cref="TimeoutMs"/> itself until the node has answered once, and while it is down). A probe past
    /// its deadline is a failure with ambiguous evidence, so a frozen node (accepts connections, never
    /// answers) that usually answers in a few milliseconds fails two probes in about three margins instead
    /// of two timeouts; each late probe doubles the next deadline, so the confirming probe is more patient.
    /// A node that is slow but steady learns a deadline above its latency and stays up. A value of
    /// <see cref="TimeoutMs"/> or more gives every probe the whole timeout. The default value is 250 ms.
    /// </summary>
    [Range(1, 600_000)]
    public int DeadlineMarginMs { get; set; } = 250;

    /// <summary>Consecutive successes that make a node Up. The default value is 2.</summary>
    [Range(1, 100)]
    public int Rise { get; set; } = 2;

    /// <summary>Consecutive failures that make a node Down. The default value is 2.</summary>
    [Range(1, 100)]
    public int Fall { get; set; } = 2;

    internal TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMs);
    internal TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);
    internal TimeSpan Recheck => TimeSpan.FromMilliseconds(RecheckMs);
    internal TimeSpan DeadlineMargin => TimeSpan.FromMilliseconds(DeadlineMarginMs);

    internal bool SameAs(HealthCheckOptions other) =>
        IntervalMs == other.IntervalMs && TimeoutMs == other.TimeoutMs && RecheckMs == other.RecheckMs
        && DeadlineMarginMs == other.DeadlineMarginMs && Rise == other.Rise && Fall == other.Fall;
}
