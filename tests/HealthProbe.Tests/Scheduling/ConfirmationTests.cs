using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using HealthProbe.State;
using HealthProbe.Tests.Support;

namespace HealthProbe.Tests.Scheduling;

/// <summary>
/// How soon a result that points away from the state is confirmed, on a fake clock: at once when the
/// evidence is definitive, after the recheck delay when it is ambiguous; and flapping input never changes
/// the state. Times here are the fake clock's, so they are exact whatever the machine's load.
/// </summary>
public sealed class ConfirmationTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // A long interval, so no probe in these tests can be an ordinary interval probe by accident.
    private static readonly HealthCheckOptions Timing = new() { IntervalMs = 2_000, RecheckMs = 250 };

    private readonly FakeTimeProvider _time = new();
    private SchedulerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SchedulerHarness.StartAsync(_time);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>Up first, then every probe from the switch on answers with <paramref name="after"/>.</summary>
    private async Task<(HealthTarget Target, int FirstAfter)> UpThen(ProbeResult after)
    {
        int switchedAt = int.MaxValue;
        var probe = _harness.Scripted((call, _) => Task.FromResult(call >= Volatile.Read(ref switchedAt) ? after : ProbeResult.Ok("HTTP 200")));
        var target = _harness.Probe(Timing, probe);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up");
        int first = _harness.Probes;
        Volatile.Write(ref switchedAt, first);
        return (target, first);
    }

    [Fact]
    public async Task DefinitiveFailure_WhileUp_IsConfirmedAtOnce()
    {
        var (target, first) = await UpThen(ProbeResult.Rejected("connection refused"));
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");

        // The confirming probe did not wait for the recheck delay, let alone the interval.
        Assert.True(_harness.ProbedAt(first + 1) - _harness.ProbedAt(first) < Timing.Recheck,
            $"confirmed {_harness.ProbedAt(first + 1) - _harness.ProbedAt(first)} after the refusal");
        Assert.Equal(2, _harness.LastChange.Consecutive); // still Fall probes: sooner, not fewer
        Assert.Equal("connection refused", _harness.LastChange.Reason);
    }

    [Fact]
    public async Task AmbiguousFailure_WhileUp_WaitsTheRecheckDelay()
    {
        var (target, first) = await UpThen(ProbeResult.Failed("network unreachable"));
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");

        Assert.True(_harness.ProbedAt(first + 1) - _harness.ProbedAt(first) >= Timing.Recheck,
            $"confirmed {_harness.ProbedAt(first + 1) - _harness.ProbedAt(first)} after an ambiguous failure");
        Assert.True(_harness.ProbedAt(first + 1) - _harness.ProbedAt(first) < Timing.Interval);
        Assert.Equal(2, _harness.LastChange.Consecutive);
    }

    [Fact]
    public async Task ExpectedAnswer_WhileDown_IsConfirmedAtOnce()
    {
        int recoveredAt = int.MaxValue;
        var probe = _harness.Scripted((call, _) => Task.FromResult(call >= Volatile.Read(ref recoveredAt)
            ? ProbeResult.Ok("HTTP 200")
            : ProbeResult.Rejected("connection refused")));
        var target = _harness.Probe(Timing, probe);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");
        int first = _harness.Probes;
        Volatile.Write(ref recoveredAt, first);

        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up again");
        Assert.True(_harness.ProbedAt(first + 1) - _harness.ProbedAt(first) < Timing.Recheck,
            $"confirmed {_harness.ProbedAt(first + 1) - _harness.ProbedAt(first)} after the first answer");
        Assert.Equal(2, _harness.LastChange.Consecutive);
        Assert.Equal([HealthState.Down, HealthState.Up], _harness.Changes);
    }

    [Fact]
    public async Task AlternatingRefusedAndAccepted_WhileUp_NeverChangesTheState()
    {
        var flapping = HealthCheckOptions(intervalMs: 100);
        int from = int.MaxValue;
        var probe = _harness.Scripted((call, _) => Task.FromResult(call >= Volatile.Read(ref from) && (call - from) % 2 == 0
            ? ProbeResult.Rejected("connection refused")
            : ProbeResult.Ok("connected")));
        var target = _harness.Probe(flapping, probe);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up");
        Volatile.Write(ref from, _harness.Probes);
        int until = _harness.Probes + 200;

        bool alwaysServed = true;
        await _time.AdvanceUntil(() =>
        {
            alwaysServed &= target.IsServable;
            return _harness.Probes >= until;
        }, Step, Limit, "200 flapping probes");
        Assert.True(alwaysServed);
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.InRange(target.Health.Failures, 99, 101);
    }

    [Fact]
    public async Task AlternatingAcceptedAndRefused_WhileDown_NeverBringsItBack()
    {
        var flapping = HealthCheckOptions(intervalMs: 100);
        int from = int.MaxValue;
        var probe = _harness.Scripted((call, _) => Task.FromResult(call >= Volatile.Read(ref from) && (call - from) % 2 == 0
            ? ProbeResult.Ok("connected")
            : ProbeResult.Rejected("connection refused")));
        var target = _harness.Probe(flapping, probe);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");
        Volatile.Write(ref from, _harness.Probes);
        int until = _harness.Probes + 200;

        bool neverServed = true;
        await _time.AdvanceUntil(() =>
        {
            neverServed &= !target.IsServable;
            return _harness.Probes >= until;
        }, Step, Limit, "200 flapping probes");
        Assert.True(neverServed);
        Assert.Equal([HealthState.Down], _harness.Changes);
    }

    private static HealthCheckOptions HealthCheckOptions(int intervalMs) => new() { IntervalMs = intervalMs, RecheckMs = 250 };
}
