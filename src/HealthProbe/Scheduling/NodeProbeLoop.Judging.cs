using HealthProbe.Probes;
using HealthProbe.State;
using Polly.Timeout;

namespace HealthProbe.Scheduling;

/// <summary>Running one probe and judging it: in time, late, or answered after it was judged late.</summary>
internal sealed partial class NodeProbeLoop
{
    /// <summary>Probes started and not yet seen finished (a late one runs on until its timeout), awaited before the loop ends.</summary>
    private readonly List<Task> _unfinished = [];

    /// <summary>The most recent probe judged late, while it runs: its answer, if one comes, is still heard.</summary>
    private InFlightProbe? _straggler;

    /// <summary>Waits for a probe slot, then starts the probe; its deadline counts from here.</summary>
    private async Task<InFlightProbe> StartProbeAsync(CancellationToken stop)
    {
        _unfinished.RemoveAll(static t => t.IsCompleted);
        await scheduler.ProbeSlots.WaitAsync(stop).ConfigureAwait(false);
        long started = time.GetTimestamp();
        var probe = new InFlightProbe(ProbeOnceAsync(started, stop), started);
        _unfinished.Add(probe.Result);
        return probe;
    }

    private async Task<ProbeResult> ProbeOnceAsync(long started, CancellationToken stop)
    {
        try
        {
            var result = await group.Pipeline.ExecuteAsync(
                static async (state, token) => await state.Probe.ProbeAsync(state.Address, token).ConfigureAwait(false),
                (Probe: group.Probe, Address: target.Address), stop).ConfigureAwait(false);
            return result with { Latency = time.GetElapsedTime(started) };
        }
        catch (TimeoutRejectedException)
        {
            return new ProbeResult(false, time.GetElapsedTime(started), $"timed out after {group.Timing.TimeoutMs} ms", Evidence.Ambiguous);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A probe's own bug, or an error nobody classified: nothing says the node is down for sure.
            return new ProbeResult(false, time.GetElapsedTime(started), e.Message, Evidence.Ambiguous);
        }
        finally
        {
            scheduler.ProbeSlots.Release();
        }
    }

    /// <summary>
    /// The verdict on <paramref name="probe"/>: its own result if it finishes by its deadline, else an
    /// ambiguous failure ("late"). A Down node's probe gets the whole timeout (only its answers matter);
    /// a served node's gets the learned deadline. Meanwhile an answer from the previous late probe is heard.
    /// </summary>
    private async Task<ProbeResult> JudgeAsync(InFlightProbe probe, CancellationToken stop)
    {
        var deadline = _tracker.State == HealthState.Down ? group.Timing.Timeout : _latency.Deadline;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // At the timeout the probe is cut off and ends by itself with a timeout failure: no timer needed.
        var remaining = deadline - time.GetElapsedTime(probe.Started);
        var late = deadline >= group.Timing.Timeout ? Task.Delay(Timeout.InfiniteTimeSpan, time, cancel.Token)
            : remaining > TimeSpan.Zero ? Task.Delay(remaining, time, cancel.Token)
            : Task.CompletedTask;
        try
        {
            while (true)
            {
                stop.ThrowIfCancellationRequested();
                if (_straggler is { Result.IsCompleted: true } straggler)
                {
                    HearLateAnswer(straggler, stop);
                    continue;
                }
                if (probe.Result.IsCompleted)
                    return InTime(await probe.Result.ConfigureAwait(false));
                if (late.IsCompleted)
                    return Late(probe, deadline);
                await (_straggler is { } waiting
                    ? Task.WhenAny(probe.Result, late, waiting.Result)
                    : Task.WhenAny(probe.Result, late)).ConfigureAwait(false);
            }
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
        }
    }

    private ProbeResult InTime(ProbeResult result)
    {
        if (result.Success)
            _latency.Sample(result.Latency);
        return result;
    }

    private ProbeResult Late(InFlightProbe probe, TimeSpan deadline)
    {
        var usual = _latency.Smoothed;
        _latency.Late();
        _straggler = probe;
        return new ProbeResult(false, time.GetElapsedTime(probe.Started),
            $"no answer within {(int)deadline.TotalMilliseconds} ms (it usually answers in {(int)Math.Ceiling(usual.TotalMilliseconds)} ms)",
            Evidence.Ambiguous);
    }

    /// <summary>
    /// A probe judged late has finished. A failure was already counted when it was judged; an answer is news:
    /// the node is alive, and its latency is what the deadline must learn.
    /// </summary>
    private void HearLateAnswer(InFlightProbe straggler, CancellationToken stop)
    {
        _straggler = null;
        if (!straggler.Result.IsCompletedSuccessfully || straggler.Result.Result is not { Success: true } answer)
            return;
        _latency.Sample(answer.Latency);
        Record(answer with { Reason = $"{answer.Reason}, late ({(int)answer.Latency.TotalMilliseconds} ms)" }, newProbe: false, stop);
    }
}
