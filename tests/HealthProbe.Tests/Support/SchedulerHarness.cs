using System.Net;
using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using HealthProbe.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealthProbe.Tests.Support;

/// <summary>
/// A started <see cref="ProbeScheduler"/> on a given clock, with every state change it reports kept in
/// order, and the fake time of every probe a scripted probe made.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly List<HealthChange> _changes = [];
    private readonly List<DateTimeOffset> _probedAt = [];

    private SchedulerHarness(TimeProvider time)
    {
        Time = time;
        Registry.Changed += change =>
        {
            lock (_changes)
                _changes.Add(change);
        };
        Scheduler = new ProbeScheduler(Registry, time, Options.Create(new ProbeSchedulerOptions()), NullLogger<ProbeScheduler>.Instance);
    }

    public HealthRegistry Registry { get; } = new();

    public ProbeScheduler Scheduler { get; }

    public TimeProvider Time { get; }

    /// <summary>The states changed to, in order.</summary>
    public HealthState[] Changes
    {
        get
        {
            lock (_changes)
                return [.. _changes.Select(c => c.To)];
        }
    }

    public HealthChange LastChange
    {
        get
        {
            lock (_changes)
                return _changes[^1];
        }
    }

    /// <summary>How many probes <see cref="Scripted"/> probes have made.</summary>
    public int Probes
    {
        get
        {
            lock (_probedAt)
                return _probedAt.Count;
        }
    }

    /// <summary>The clock's time when probe number <paramref name="index"/> (from 0) started.</summary>
    public DateTimeOffset ProbedAt(int index)
    {
        lock (_probedAt)
            return _probedAt[index];
    }

    public static async Task<SchedulerHarness> StartAsync(TimeProvider time)
    {
        var harness = new SchedulerHarness(time);
        await harness.Scheduler.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>
    /// A probe whose every call is scripted by its number (from 0): <paramref name="behaviour"/> gets the
    /// number and the probe's token. The start time of each call is recorded.
    /// </summary>
    public FakeProbe Scripted(Func<int, CancellationToken, Task<ProbeResult>> behaviour)
    {
        return new FakeProbe((_, token) =>
        {
            int call;
            lock (_probedAt)
            {
                call = _probedAt.Count;
                _probedAt.Add(Time.GetUtcNow());
            }
            return behaviour(call, token);
        });
    }

    public HealthTarget Probe(HealthCheckOptions timing, IHealthProbe probe) =>
        Assert.Single(Scheduler.Sync("group", timing, probe, [IPAddress.Loopback]));

    public async ValueTask DisposeAsync() => await Scheduler.DisposeAsync();
}
