using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.State;
using Polly.Timeout;

namespace HealthProbe.Scheduling;

/// <summary>
/// Probes one node for as long as it is a member: probe, judge with the rise/fall tracker, publish, wait.
/// The wait is the interval with jitter, or the short recheck delay after a result that disagrees with the
/// state. A probe that is still unanswered after the recheck delay gets its confirming probe started right
/// away (hedging), so a frozen node that only times out is confirmed after about one timeout instead of two.
/// An exception in a probe is a failed probe; nothing but cancellation ends the loop.
/// </summary>
/// <param name="predecessor">
/// The stopping of the loop this one replaces (the node's group got new settings), or a completed task.
/// This loop starts once that one has stopped, and judges from the state it left, so a Down node is not
/// served again before Rise successes and no stale result of the old loop lands after a new one.
/// </param>
internal sealed class NodeProbeLoop(HealthTarget target, ProbeGroup group, ProbeScheduler scheduler, TimeProvider time, Task predecessor)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _task = Task.CompletedTask;
    private RiseFallTracker _tracker = null!;
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
        while (!stop.IsCancellationRequested)
        {
            bool lastSuccess;
            var first = ProbeOnceAsync(stop);
            Task<ProbeResult>? confirming = null;
            if (_tracker.State != HealthState.Down)
            {
                using var slow = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var recheck = Task.Delay(group.Timing.Recheck, time, slow.Token);
                if (await Task.WhenAny(first, recheck).ConfigureAwait(false) != first)
                    confirming = ProbeOnceAsync(stop);
                await slow.CancelAsync().ConfigureAwait(false);
            }
            lastSuccess = Record(await first.ConfigureAwait(false), stop);
            if (confirming is not null)
                lastSuccess = Record(await confirming.ConfigureAwait(false), stop);

            var wait = _tracker.Disagrees(lastSuccess) ? group.Timing.Recheck : Jittered(group.Timing.Interval);
            await Task.Delay(wait, time, stop).ConfigureAwait(false);
        }
    }

    private static TimeSpan Jittered(TimeSpan interval) => interval * (0.9 + (0.2 * Random.Shared.NextDouble()));

    private async Task<ProbeResult> ProbeOnceAsync(CancellationToken stop)
    {
        await scheduler.ProbeSlots.WaitAsync(stop).ConfigureAwait(false);
        long start = time.GetTimestamp();
        try
        {
            var result = await group.Pipeline.ExecuteAsync(
                static async (state, token) => await state.Probe.ProbeAsync(state.Address, token).ConfigureAwait(false),
                (Probe: group.Probe, Address: target.Address), stop).ConfigureAwait(false);
            return result with { Latency = time.GetElapsedTime(start) };
        }
        catch (TimeoutRejectedException)
        {
            return new ProbeResult(false, time.GetElapsedTime(start), $"timed out after {group.Timing.TimeoutMs} ms", Evidence.Ambiguous);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return new ProbeResult(false, time.GetElapsedTime(start), e.Message, Evidence.Ambiguous);
        }
        finally
        {
            scheduler.ProbeSlots.Release();
        }
    }

    /// <summary>Judges one result, publishes the new snapshot and reports a state change.</summary>
    private bool Record(ProbeResult result, CancellationToken stop)
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
            Checks = _health.Checks + 1,
            Failures = _health.Failures + (result.Success ? 0 : 1),
        };
        target.Publish(_health);
        if (changed is HealthState to)
        {
            int consecutive = result.Success ? _tracker.ConsecutiveSuccesses : _tracker.ConsecutiveFailures;
            scheduler.Report(new HealthChange(target, before, to, consecutive, result.Reason, now));
        }
        return result.Success;
    }
}
