using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using HealthProbe.State;
using HealthProbe.Tests.Support;

namespace HealthProbe.Tests.Scheduling;

/// <summary>
/// The deadline each node learns from its own answers, with the default settings on a fake clock: a fast
/// node that freezes is out long before a timeout could say so; a slow but steady one stays up; one late
/// answer, or one that never comes, takes no node out.
/// </summary>
public sealed class LearnedDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly HealthCheckOptions Defaults = new();

    private readonly FakeTimeProvider _time = new();
    private SchedulerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SchedulerHarness.StartAsync(_time);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>Answers "HTTP 200" after <paramref name="latency"/> of fake time; never, when it is infinite.</summary>
    private async Task<ProbeResult> Answer(TimeSpan latency, CancellationToken token)
    {
        await Task.Delay(latency, _time, token);
        return ProbeResult.Ok("HTTP 200");
    }

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    private async Task<HealthTarget> UpAndLearned(FakeProbe probe, int checks = 12)
    {
        var target = _harness.Probe(Defaults, probe);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up && target.Health.Checks >= checks, Step, Limit, "up, with latencies learned");
        return target;
    }

    [Fact]
    public async Task FastNodeThatFreezes_IsOut_BeforeOneTimeoutHasPassed_AndBackWhenItAnswers()
    {
        int frozenFrom = int.MaxValue;
        bool thawed = false;
        var probe = _harness.Scripted((call, token) =>
            Answer(call >= Volatile.Read(ref frozenFrom) && !Volatile.Read(ref thawed) ? Timeout.InfiniteTimeSpan : Ms(5), token));
        var target = await UpAndLearned(probe);
        int first = _harness.Probes;
        Volatile.Write(ref frozenFrom, first);

        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");
        var change = _harness.LastChange;
        var downAfter = change.At - _harness.ProbedAt(first);
        // Two probes judged late (≈ 255 ms, then twice that for the confirmation), not two timeouts of 1 s.
        Assert.True(downAfter < Defaults.Timeout, $"down {downAfter} after the first unanswered probe started");
        Assert.Equal(2, change.Consecutive);
        Assert.StartsWith("no answer within ", change.Reason);
        Assert.Equal(Evidence.Ambiguous, target.Health.LastResult!.Value.Evidence);

        Volatile.Write(ref thawed, true);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up again");
        Assert.Equal([HealthState.Up, HealthState.Down, HealthState.Up], _harness.Changes);
    }

    [Fact]
    public async Task SlowButSteadyNode_AtEightyPercentOfTheTimeout_StaysUp()
    {
        var slow = Defaults.Timeout * 0.8;
        var probe = _harness.Scripted((_, token) => Answer(slow, token));
        var target = await UpAndLearned(probe, checks: 20);

        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.Equal(0, target.Health.Failures);
    }

    [Fact]
    public async Task OneLateAnswer_AmongFastOnes_TakesNoNodeOut()
    {
        int late = int.MaxValue;
        var probe = _harness.Scripted((call, token) => Answer(call == Volatile.Read(ref late) ? Ms(600) : Ms(5), token));
        var target = await UpAndLearned(probe);
        Volatile.Write(ref late, _harness.Probes);

        await _time.AdvanceUntil(() => target.Health.Checks >= 24, Step, Limit, "more probes");
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.Equal(1, target.Health.Failures);
    }

    [Fact]
    public async Task OneAnswerThatNeverComes_AmongFastOnes_TakesNoNodeOut()
    {
        int lost = int.MaxValue;
        var probe = _harness.Scripted((call, token) => Answer(call == Volatile.Read(ref lost) ? Timeout.InfiniteTimeSpan : Ms(5), token));
        var target = await UpAndLearned(probe);
        Volatile.Write(ref lost, _harness.Probes);

        await _time.AdvanceUntil(() => target.Health.Checks >= 24, Step, Limit, "more probes");
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.Equal(1, target.Health.Failures);
    }

    [Fact]
    public async Task LateProbe_ThatAnswersBeforeItsConfirmationIsJudgedLate_KeepsTheNodeUp()
    {
        // The first slow probe is judged late at about 255 ms and answers at 600 ms; its confirmation starts
        // at once and is slow too (judged late at about 765 ms). The first one's answer comes in between: the
        // node answered, so the two late verdicts are not consecutive failures.
        int slowFrom = int.MaxValue;
        var probe = _harness.Scripted((call, token) =>
        {
            int from = Volatile.Read(ref slowFrom);
            return Answer(call == from ? Ms(600) : call == from + 1 ? Ms(900) : Ms(5), token);
        });
        var target = await UpAndLearned(probe);
        Volatile.Write(ref slowFrom, _harness.Probes);

        await _time.AdvanceUntil(() => target.Health.Checks >= 24, Step, Limit, "more probes");
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.Equal(2, target.Health.Failures);
    }

    [Fact]
    public async Task DownNode_GetsTheWholeTimeout_SoItsFirstSlowAnswersCount()
    {
        // Learned: 5 ms. Then refused, and back with answers that take 80% of the timeout.
        int refusedFrom = int.MaxValue;
        int slowFrom = int.MaxValue;
        var probe = _harness.Scripted((call, token) =>
            call >= Volatile.Read(ref slowFrom) ? Answer(Defaults.Timeout * 0.8, token)
            : call >= Volatile.Read(ref refusedFrom) ? Task.FromResult(ProbeResult.Rejected("connection refused"))
            : Answer(Ms(5), token));
        var target = await UpAndLearned(probe);
        Volatile.Write(ref refusedFrom, _harness.Probes);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");

        int first = _harness.Probes;
        Volatile.Write(ref slowFrom, first);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up after slow answers");
        // Rise answers, none of them judged late against the deadline learned when the node was fast.
        Assert.Equal(Defaults.Rise, _harness.Probes - first);
        Assert.Equal([HealthState.Up, HealthState.Down, HealthState.Up], _harness.Changes);
    }

    [Fact]
    public async Task Stopping_WaitsForTheProbeStillRunning_SoNoneOutlivesTheScheduler()
    {
        // A probe that does not honour its cancellation, as a buggy one might: the stop must still wait for
        // it, or it would give its slot back to a disposed scheduler.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int hangFrom = int.MaxValue;
        var probe = _harness.Scripted(async (call, token) =>
        {
            if (call < Volatile.Read(ref hangFrom))
                return await Answer(Ms(5), token);
            await gate.Task;
            return ProbeResult.Ok("HTTP 200");
        });
        await UpAndLearned(probe);
        Volatile.Write(ref hangFrom, _harness.Probes);
        await _time.AdvanceUntil(() => probe.InFlight == 1 && _harness.Probes > Volatile.Read(ref hangFrom), Step, Limit, "the hanging probe started");

        var stopping = _harness.Scheduler.StopAsync(CancellationToken.None);
        await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.False(stopping.IsCompleted, "stopped while a probe was still running");
        gate.SetResult();
        await stopping;
        Assert.Equal(0, probe.InFlight);
    }
}
