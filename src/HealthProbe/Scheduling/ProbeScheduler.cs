using System.Net;
using HealthProbe.Probes;
using HealthProbe.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthProbe.Scheduling;

/// <summary>
/// Keeps one probe loop per node of every group. Callers say which nodes a group has (<see cref="Sync"/>);
/// new nodes are probed at once, removed ones stop. Loops run from host start to host stop; the number of
/// probes in flight is bounded by <see cref="ProbeSchedulerOptions.MaxConcurrentProbes"/>.
/// </summary>
public sealed partial class ProbeScheduler(HealthRegistry registry, TimeProvider time, IOptions<ProbeSchedulerOptions> options, ILogger<ProbeScheduler> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProbeGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, IPAddress), NodeProbeLoop> _loops = [];
    private bool _started;

    internal SemaphoreSlim ProbeSlots { get; } = new(options.Value.MaxConcurrentProbes);

    /// <summary>
    /// Makes <paramref name="addresses"/> the nodes of <paramref name="group"/>, probed with
    /// <paramref name="probe"/> and <paramref name="timing"/>; returns their targets in the same order.
    /// </summary>
    public IReadOnlyList<HealthTarget> Sync(string group, HealthCheckOptions timing, IHealthProbe probe, IReadOnlyCollection<IPAddress> addresses)
    {
        var targets = new List<HealthTarget>(addresses.Count);
        lock (_lock)
        {
            // New probe or timing: every node of the group starts over, each new loop once its old one has
            // stopped, judging from the state the old one left (see NodeProbeLoop).
            var replaced = new Dictionary<IPAddress, Task>();
            if (_groups.TryGetValue(group, out var existing) && (!ReferenceEquals(existing.Probe, probe) || !existing.Timing.SameAs(timing)))
            {
                foreach (var key in _loops.Keys.Where(k => k.Item1 == group).ToList())
                {
                    replaced[key.Item2] = _loops[key].StopAsync();
                    _loops.Remove(key);
                }
                existing = null;
            }
            var current = existing ?? new ProbeGroup(timing, probe, time);
            _groups[group] = current;

            var wanted = addresses.ToHashSet();
            foreach (var key in _loops.Keys.Where(k => k.Item1 == group && !wanted.Contains(k.Item2)).ToList())
            {
                var removed = _loops[key];
                _loops.Remove(key);
                registry.Remove(removed.Target);
                _ = removed.StopAsync();
            }
            foreach (var address in replaced.Keys.Where(a => !wanted.Contains(a)))
            {
                if (registry.TryGet(group, address, out var gone))
                    registry.Remove(gone!);
            }
            foreach (var address in addresses)
            {
                if (!_loops.TryGetValue((group, address), out var loop))
                {
                    var predecessor = replaced.GetValueOrDefault(address, Task.CompletedTask);
                    loop = new NodeProbeLoop(registry.GetOrAdd(group, address), current, this, time, predecessor);
                    _loops[(group, address)] = loop;
                    if (_started)
                        loop.Start();
                }
                targets.Add(loop.Target);
            }
            if (addresses.Count == 0)
                _groups.Remove(group);
        }
        return targets;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _started = true;
            foreach (var loop in _loops.Values)
                loop.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<NodeProbeLoop> loops;
        lock (_lock)
        {
            _started = false;
            loops = [.. _loops.Values];
            _loops.Clear();
        }
        await Task.WhenAll(loops.Select(l => l.StopAsync())).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        ProbeSlots.Dispose();
    }

    internal void Report(HealthChange change)
    {
        var address = change.Target.Address.ToString();
        if (change.To == State.HealthState.Down)
            LogDown(logger, change.Target.Group, address, change.Consecutive, change.Consecutive == 1 ? "failure" : "failures", change.Reason);
        else
            LogUp(logger, change.Target.Group, address, change.Consecutive, change.Consecutive == 1 ? "success" : "successes", change.Reason);
        try
        {
            registry.Raise(change);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not end the probe loop that reported the change.
            LogSubscriberFailed(logger, e);
        }
    }
}
