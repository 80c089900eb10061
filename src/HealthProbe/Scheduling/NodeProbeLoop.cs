using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.State;

namespace HealthProbe.Scheduling;

/// <summary>
/// Probes one node for as long as it is a member: probe, judge with the rise/fall tracker, publish, wait.
/// The wait follows the tracker's decision (<see cref="RiseFallTracker.Next"/>, <see cref="ProbeCadence"/>):
/// the interval with jitter after a result that agrees with the state; nothing after a definitive one that
/// disagrees (a refused connection while up, an expected answer while down), so Rise/Fall confirm it a
/// moment later; the recheck delay, counted from the start of the probe being confirmed, after an
/// ambiguous one. While the node is served, a probe is judged at the deadline learned from the node's own
/// latency (<see cref="LatencyEstimator"/>): past it, it counts as an ambiguous failure and the confirming
/// probe starts at once with a doubled deadline, so a frozen node that usually answers in milliseconds is
/// out after about three deadline margins rather than two timeouts. The late probe runs on until the
/// timeout; if it then answers, that answer is recorded too (a success, and a latency to learn from), so a
/// node that is only slower than usual is not taken out by its confirming probe alone.
/// An exception in a probe is a failed probe; nothing but cancellation ends the loop.
/// </summary>
/// <param name="predecessor">
/// The stopping of the loop this one replaces (the node's group got new settings), or a completed task.
/// This loop starts once that one has stopped, and judges from the state it left, so a Down node is not
/// served again before Rise successes and no stale result of the old loop lands after a new one.
/// </param>
internal sealed partial class NodeProbeLoop(HealthTarget target, ProbeGroup group, ProbeScheduler scheduler, TimeProvider time, Task predecessor)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _task = Task.CompletedTask;
    private RiseFallTracker _tracker = null!;
    private LatencyEstimator _latency = null!;
    private NodeHealth _health = NodeHealth.Initial;

    public HealthTarget Target => target;

    public void Start() => _task = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Cancels the loop and completes once it has ended; it publishes nothing after this is called.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping is the expected way out
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await predecessor.ConfigureAwait(false);
        _health = target.Health;
        _tracker = new RiseFallTracker(group.Timing.Rise, group.Timing.Fall, _health.State);
        _latency = new LatencyEstimator(group.Timing.DeadlineMargin, group.Timing.Timeout);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var probe = await StartProbeAsync(stop).ConfigureAwait(false);
                var result = await JudgeAsync(probe, stop).ConfigureAwait(false);
                Record(result, newProbe: true, stop);
                var next = _tracker.Next(result.Success, result.Evidence);
                var wait = ProbeCadence.Wait(next, group.Timing, time.GetElapsedTime(probe.Started), Random.Shared.NextDouble());
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, stop).ConfigureAwait(false);
            }
        }
        finally
        {
            // The stop cuts off every probe still running (a late one runs on until its timeout), and none
            // outlives the loop: each gives its slot back before the scheduler can be disposed.
            await Task.WhenAll(_unfinished).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Judges one result, publishes the new snapshot and reports a state change.</summary>
    /// <param name="newProbe">False for the late answer of a probe already judged late: it is not counted as another check.</param>
    private void Record(ProbeResult result, bool newProbe, CancellationToken stop)
    {
        // A probe that finished after the loop was told to stop belongs to settings that no longer apply.
        stop.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var before = _tracker.State;
        var changed = _tracker.Observe(result.Success);
        _health = _health with
        {
            State = _tracker.State,
            LastResult = result,
            LastProbe = now,
            LastChange = changed is null ? _health.LastChange : now,
            Checks = _health.Checks + (newProbe ? 1 : 0),
            Failures = _health.Failures + (result.Success ? 0 : 1),
        };
        target.Publish(_health);
        if (changed is HealthState to)
        {
            int consecutive = result.Success ? _tracker.ConsecutiveSuccesses : _tracker.ConsecutiveFailures;
            scheduler.Report(new HealthChange(target, before, to, consecutive, result.Reason, now));
        }
    }
}
