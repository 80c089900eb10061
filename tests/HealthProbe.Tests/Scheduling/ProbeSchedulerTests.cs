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

public sealed class ProbeSchedulerTests : IAsyncLifetime
{
    private readonly HealthRegistry _registry = new();
    private ProbeScheduler _scheduler = null!;

    private static readonly HealthCheckOptions Fast = new() { IntervalMs = 100, TimeoutMs = 500, RecheckMs = 20, Rise = 2, Fall = 2 };

    public Task InitializeAsync() => Start(maxConcurrent: 64);

    private Task Start(int maxConcurrent)
    {
        _scheduler = new ProbeScheduler(_registry, TimeProvider.System,
            Options.Create(new ProbeSchedulerOptions { MaxConcurrentProbes = maxConcurrent }), NullLogger<ProbeScheduler>.Instance);
        return _scheduler.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scheduler.DisposeAsync();

    [Fact]
    public async Task KilledTcpListener_GoesDown_AndComesBackUp_WhenItListensAgain()
    {
        var address = IPAddress.Parse("127.0.0.21");
        var listener = Listen(address, 0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var changes = new List<HealthChange>();
        _registry.Changed += change => { lock (changes) changes.Add(change); };

        var target = Assert.Single(_scheduler.Sync("pool", Fast, ProbeFactory.Create(new ProbeOptions { Kind = ProbeKind.Tcp, Port = port }), [address]));
        Assert.True(target.IsServable); // unknown counts as healthy until probed
        await Eventually.True(() => target.Health.State == HealthState.Up, "node up");

        listener.Dispose();
        await Eventually.True(() => target.Health.State == HealthState.Down, "node down after its listener closed");
        Assert.False(target.IsServable);
        Assert.Equal("connection refused", target.Health.LastResult!.Value.Reason);

        using var again = Listen(address, port);
        await Eventually.True(() => target.Health.State == HealthState.Up, "node up again");
        lock (changes)
            Assert.Equal([HealthState.Up, HealthState.Down, HealthState.Up], changes.Select(c => c.To));
        Assert.True(target.Health.Checks >= 6);
        Assert.True(target.Health.Failures >= 2);
    }

    [Fact]
    public async Task ProbeThatThrows_CountsAsAFailure_AndTheLoopGoesOn()
    {
        int calls = 0;
        var probe = new FakeProbe((_, _) => Interlocked.Increment(ref calls) <= 3
            ? throw new InvalidOperationException("probe bug")
            : Task.FromResult(ProbeResult.Ok()));
        var target = Assert.Single(_scheduler.Sync("pool", Fast, probe, [IPAddress.Loopback]));

        await Eventually.True(() => target.Health.State == HealthState.Up, "up after the probe stopped throwing");
        Assert.True(target.Health.Failures >= 3);
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
        var target = Assert.Single(_scheduler.Sync("pool", timing, probe, [IPAddress.Loopback]));

        await Eventually.True(() => target.Health.State == HealthState.Down, "down after timeouts");
        Assert.Equal("timed out after 100 ms", target.Health.LastResult!.Value.Reason);
    }

    [Fact]
    public async Task FailureWhileUp_IsConfirmedByARecheck_NotAfterTheFullInterval()
    {
        bool healthy = true;
        var probe = new FakeProbe((_, _) => Task.FromResult(Volatile.Read(ref healthy) ? ProbeResult.Ok() : ProbeResult.Failed("down")));
        // The interval is far longer than the wait below, so only the short recheck can confirm the failure.
        var timing = new HealthCheckOptions { IntervalMs = 120_000, TimeoutMs = 1000, RecheckMs = 20, Rise = 1, Fall = 2 };
        var target = Assert.Single(_scheduler.Sync("pool", timing, probe, [IPAddress.Loopback]));
        await Eventually.True(() => target.Health.State == HealthState.Up, "up");

        Volatile.Write(ref healthy, false);
        // Restart the group's loops with the same timing object: a failing probe is seen at once.
        _scheduler.Sync("pool", timing, probe, []);
        target = Assert.Single(_scheduler.Sync("pool", timing, probe, [IPAddress.Loopback]));
        await Eventually.True(() => target.Health.State == HealthState.Down, "down via recheck", seconds: 30);
        Assert.Equal(2, target.Health.Failures);
    }

    [Fact]
    public async Task ProbesInFlight_AreBounded()
    {
        await _scheduler.DisposeAsync();
        await Start(maxConcurrent: 2);
        var probe = new FakeProbe(async (_, token) =>
        {
            await Task.Delay(30, token);
            return ProbeResult.Ok();
        });
        var addresses = Enumerable.Range(1, 10).Select(i => IPAddress.Parse($"127.0.1.{i}")).ToList();
        var targets = _scheduler.Sync("pool", Fast, probe, addresses);

        await Eventually.True(() => targets.All(t => t.Health.State == HealthState.Up), "all up");
        Assert.Equal(2, probe.MaxInFlight);
    }

    [Fact]
    public async Task RemovedNode_IsNoLongerProbed_NorInTheRegistry()
    {
        var probe = new FakeProbe((_, _) => Task.FromResult(ProbeResult.Ok()));
        var a = IPAddress.Parse("127.0.2.1");
        var b = IPAddress.Parse("127.0.2.2");
        var targets = _scheduler.Sync("pool", Fast, probe, [a, b]);
        await Eventually.True(() => targets.All(t => t.Health.State == HealthState.Up), "both up");

        _scheduler.Sync("pool", Fast, probe, [a]);
        Assert.False(_registry.TryGet("pool", b, out _));
        await Task.Delay(300); // let any probe already in flight finish
        long checks = targets[1].Health.Checks;
        await Eventually.True(() => targets[0].Health.Checks > checks + 3, "the remaining node keeps being probed");
        Assert.Equal(checks, targets[1].Health.Checks);
    }

    [Fact]
    public void NodesAddedBeforeStart_AreProbedOnlyOnceTheSchedulerStarts()
    {
        var scheduler = new ProbeScheduler(new HealthRegistry(), TimeProvider.System, Options.Create(new ProbeSchedulerOptions()), NullLogger<ProbeScheduler>.Instance);
        var probe = new FakeProbe((_, _) => Task.FromResult(ProbeResult.Ok()));
        scheduler.Sync("pool", Fast, probe, [IPAddress.Loopback]);
        Thread.Sleep(200);
        Assert.Equal(0, probe.Calls);
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
