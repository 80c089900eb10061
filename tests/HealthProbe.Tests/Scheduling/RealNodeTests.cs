using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using HealthProbe.State;
using HealthProbe.Tests.Support;

namespace HealthProbe.Tests.Scheduling;

/// <summary>
/// The default judgement against real HTTP servers on loopback and the real clock: a slow but healthy
/// node stays up, a frozen one (accepts, never answers) goes down and comes back, a flapping one never
/// changes the state. Waits are bounded and generous; nothing here asserts how long anything took.
/// </summary>
public sealed class RealNodeTests : IAsyncLifetime
{
    private const int Seconds = 60;

    // The defaults, but probes come sooner so the tests are short: the interval plays no part in judging.
    private static readonly HealthCheckOptions Timing = new() { IntervalMs = 100 };

    private SchedulerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SchedulerHarness.StartAsync(TimeProvider.System);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static IHealthProbe HttpProbeOf(LoopbackHttpServer server) =>
        ProbeFactory.Create(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port });

    private HealthTarget Probe(LoopbackHttpServer server) => _harness.Probe(Timing, HttpProbeOf(server));

    [Fact]
    public async Task SlowButHealthyNode_AnsweringAtEightyPercentOfTheTimeout_StaysUp()
    {
        using var server = new LoopbackHttpServer { Delay = Timing.Timeout * 0.8 };
        // One probe outside the schedule first, so the probe's and the server's first-use costs (JIT, a cold
        // thread pool on a busy machine) do not eat the 20% of the timeout the scheduled probes have to spare.
        Assert.True((await HttpProbeOf(server).ProbeAsync(System.Net.IPAddress.Loopback, CancellationToken.None)).Success);
        var target = Probe(server);

        await Eventually.True(() => target.Health.Checks >= 12, "twelve probes", Seconds);
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.True(target.IsServable);
    }

    [Fact]
    public async Task FrozenNode_ThatAcceptsAndNeverAnswers_GoesDown_AndComesBack()
    {
        using var server = new LoopbackHttpServer();
        var target = Probe(server);
        await Eventually.True(() => target.Health.State == HealthState.Up && target.Health.Checks >= 10, "up, latencies learned", Seconds);

        server.Hang = true;
        await Eventually.True(() => target.Health.State == HealthState.Down, "down while frozen", Seconds);
        var down = _harness.LastChange;
        Assert.Equal(HealthState.Down, down.To);
        Assert.Equal(2, down.Consecutive);
        Assert.False(target.Health.LastResult!.Value.Success);
        Assert.Equal(Evidence.Ambiguous, target.Health.LastResult!.Value.Evidence);

        server.Hang = false;
        await Eventually.True(() => target.Health.State == HealthState.Up, "up again once it answers", Seconds);
        Assert.Equal([HealthState.Up, HealthState.Down, HealthState.Up], _harness.Changes);
    }

    [Fact]
    public async Task NodeThatResetsEveryOtherConnection_NeverChangesTheState()
    {
        using var server = new LoopbackHttpServer();
        var target = Probe(server);
        await Eventually.True(() => target.Health.State == HealthState.Up, "up", Seconds);
        long checks = target.Health.Checks;

        server.ResetEveryOther = true;
        bool alwaysServed = true;
        await Eventually.True(() =>
        {
            alwaysServed &= target.IsServable;
            return target.Health.Checks >= checks + 40;
        }, "forty flapping probes", Seconds);
        Assert.True(alwaysServed);
        Assert.Equal([HealthState.Up], _harness.Changes);
        Assert.InRange(target.Health.Failures, 19, 21); // every other probe was reset: they did happen
    }
}
