using System.Net;
using System.Net.Sockets;
using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using HealthProbe.State;
using HealthProbe.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealthProbe.Tests.Scheduling;

/// <summary>
/// The scheduler on a fake clock: intervals, rechecks and timeouts pass only when a test advances the
/// clock, so what the tests assert about time is exact and does not depend on the machine's speed.
/// </summary>
public sealed class ProbeSchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly HealthCheckOptions Fast = new() { IntervalMs = 100, TimeoutMs = 500, RecheckMs = 20, Rise = 2, Fall = 2 };

    private readonly HealthRegistry _registry = new();
    private readonly FakeTimeProvider _time = new();
    private ProbeScheduler _scheduler = null!;

    public Task InitializeAsync()
    {
        _scheduler = NewScheduler(_registry, maxConcurrent: 64);
        return _scheduler.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scheduler.DisposeAsync();

    private ProbeScheduler NewScheduler(HealthRegistry registry, int maxConcurrent) =>
        new(registry, _time, Options.Create(new ProbeSchedulerOptions { MaxConcurrentProbes = maxConcurrent }), NullLogger<ProbeScheduler>.Instance);

    private static FakeProbe Answering(Func<bool> healthy) =>
        new((_, _) => Task.FromResult(healthy() ? ProbeResult.Ok() : ProbeResult.Failed("down")));

    [Fact]
    public async Task KilledTcpListener_GoesDown_AndComesBackUp_WhenItListensAgain()
    {
        var address = IPAddress.Parse("127.0.0.21");
        var listener = Listen(address, 0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var changes = new List<HealthChange>();
        _registry.Changed += change => { lock (changes) changes.Add(change); };

        var target = Assert.Single(_scheduler.Sync("group", Fast, ProbeFactory.Create(new ProbeOptions { Kind = ProbeKind.Tcp, Port = port }), [address]));
        // The clock has not moved: at most the first probe ran, and one success is not Rise.
        Assert.Equal(HealthState.Unknown, target.Health.State);
        Assert.True(target.IsServable); // unknown counts as healthy until probed
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "node up");

        listener.Dispose();
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "node down after its listener closed");
        Assert.False(target.IsServable);
        Assert.Equal("connection refused", target.Health.LastResult!.Value.Reason);

        using var again = Listen(address, port);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "node up again");
        lock (changes)
            Assert.Equal([HealthState.Up, HealthState.Down, HealthState.Up], changes.Select(c => c.To));
    }

    [Fact]
    public async Task ProbeThatThrows_CountsAsAFailure_AndTheLoopGoesOn()
    {
        int calls = 0;
        var probe = new FakeProbe((_, _) => Interlocked.Increment(ref calls) <= 3
            ? throw new InvalidOperationException("probe bug")
            : Task.FromResult(ProbeResult.Ok()));
        var target = Assert.Single(_scheduler.Sync("group", Fast, probe, [IPAddress.Loopback]));

        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up after the probe stopped throwing");
        Assert.Equal(3, target.Health.Failures);
    }

    [Fact]
    public async Task ProbeThatNeverAnswers_TimesOut_AndTheNodeGoesDown()
    {
        var probe = new FakeProbe(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ProbeResult.Ok();
        });
        var timing = new HealthCheckOptions { IntervalMs = 100, TimeoutMs = 100, RecheckMs = 20, Rise = 2, Fall = 2 };
        var target = Assert.Single(_scheduler.Sync("group", timing, probe, [IPAddress.Loopback]));

        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down after timeouts");
        Assert.Equal("timed out after 100 ms", target.Health.LastResult!.Value.Reason);
    }

    [Fact]
    public async Task FailureWhileUp_IsConfirmedByARecheck_NotAfterTheFullInterval()
    {
        bool healthy = true;
        DateTimeOffset? firstFailure = null;
        var probe = new FakeProbe((_, _) =>
        {
            if (Volatile.Read(ref healthy))
                return Task.FromResult(ProbeResult.Ok());
            firstFailure ??= _time.GetUtcNow();
            return Task.FromResult(ProbeResult.Failed("down"));
        });
        var changes = new List<HealthChange>();
        _registry.Changed += change => { lock (changes) changes.Add(change); };
        var timing = new HealthCheckOptions { IntervalMs = 120_000, TimeoutMs = 1000, RecheckMs = 20, Rise = 1, Fall = 2 };
        var target = Assert.Single(_scheduler.Sync("group", timing, probe, [IPAddress.Loopback]));
        await Eventually.True(() => target.Health.State == HealthState.Up, "up after the first probe");

        Volatile.Write(ref healthy, false);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(600), "down");
        // The failure came one interval after the success; its confirmation must not wait another interval.
        DateTimeOffset downAt;
        lock (changes)
            downAt = changes.Single(c => c.To == HealthState.Down).At;
        Assert.True(downAt - firstFailure!.Value < TimeSpan.FromSeconds(60), $"confirmed {downAt - firstFailure} after the first failure");
        Assert.Equal(2, target.Health.Failures);
    }

    [Fact]
    public async Task RebuiltGroup_NodeThatWasDown_StaysDown_AfterOneFailedProbe()
    {
        bool healthy = false;
        var probe = Answering(() => Volatile.Read(ref healthy));
        var changes = new List<HealthChange>();
        _registry.Changed += change => { lock (changes) changes.Add(change); };
        var target = Assert.Single(_scheduler.Sync("group", Fast, probe, [IPAddress.Loopback]));
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Down, Step, Limit, "down");
        long checks = target.Health.Checks; // a Down node waits a whole interval: no probe until the clock moves

        // New timing: the group's loops are rebuilt, and the new one probes at once (the clock stands still).
        var slower = new HealthCheckOptions { IntervalMs = 200, TimeoutMs = 500, RecheckMs = 20, Rise = 2, Fall = 2 };
        Assert.Same(target, Assert.Single(_scheduler.Sync("group", slower, probe, [IPAddress.Loopback])));
        await Eventually.True(() => target.Health.Checks == checks + 1, "the rebuilt loop's first probe");
        Assert.Equal(HealthState.Down, target.Health.State);
        Assert.False(target.IsServable);

        Volatile.Write(ref healthy, true);
        await _time.AdvanceUntil(() => target.Health.State == HealthState.Up, Step, Limit, "up after Rise successes");
        lock (changes)
        {
            Assert.Equal([HealthState.Down, HealthState.Up], changes.Select(c => c.To));
            Assert.Equal(2, changes[^1].Consecutive);
        }
    }

    [Fact]
    public async Task ProbesInFlight_AreBounded()
    {
        await _scheduler.DisposeAsync();
        _scheduler = NewScheduler(_registry, maxConcurrent: 2);
        await _scheduler.StartAsync(CancellationToken.None);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new FakeProbe(async (_, token) =>
        {
            await gate.Task.WaitAsync(token);
            return ProbeResult.Ok();
        });
        var addresses = Enumerable.Range(1, 10).Select(i => IPAddress.Parse($"127.0.1.{i}")).ToList();
        var targets = _scheduler.Sync("group", Fast, probe, addresses);

        // Ten loops want to probe at once; two slots let two in, and they hold them until the gate opens.
        await Eventually.True(() => probe.InFlight == 2, "two probes in flight");
        gate.SetResult();
        await _time.AdvanceUntil(() => targets.All(t => t.Health.State == HealthState.Up), Step, Limit, "all up");
        Assert.Equal(2, probe.MaxInFlight);
    }

    [Fact]
    public async Task RemovedNode_IsNoLongerProbed_NorInTheRegistry()
    {
        var probe = Answering(() => true);
        var a = IPAddress.Parse("127.0.2.1");
        var b = IPAddress.Parse("127.0.2.2");
        var targets = _scheduler.Sync("group", Fast, probe, [a, b]);
        await _time.AdvanceUntil(() => targets.All(t => t.Health.State == HealthState.Up), Step, Limit, "both up");

        _scheduler.Sync("group", Fast, probe, [a]);
        Assert.False(_registry.TryGet("group", b, out _));
        int callsToB = probe.CallsTo(b);
        int callsToA = probe.CallsTo(a);
        await _time.AdvanceUntil(() => probe.CallsTo(a) > callsToA + 5, Step, Limit, "the remaining node keeps being probed");
        // A probe of b that was already running when it was removed may still finish; no other starts.
        Assert.InRange(probe.CallsTo(b), callsToB, callsToB + 1);
    }

    [Fact]
    public async Task NodesAddedBeforeStart_AreProbedOnlyOnceTheSchedulerStarts()
    {
        await using var notStarted = NewScheduler(new HealthRegistry(), maxConcurrent: 64);
        var waiting = Answering(() => true);
        notStarted.Sync("group", Fast, waiting, [IPAddress.Loopback]);

        // A started scheduler given a node afterwards probes it at once; by then the other would have too.
        var probed = Answering(() => true);
        _scheduler.Sync("other", Fast, probed, [IPAddress.Loopback]);
        await Eventually.True(() => probed.Calls > 0, "the started scheduler probes");
        Assert.Equal(0, waiting.Calls);

        await notStarted.StartAsync(CancellationToken.None);
        await Eventually.True(() => waiting.Calls > 0, "probed once started");
    }

    private static Socket Listen(IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(16);
        return socket;
    }
}
