using System.Collections.Concurrent;
using System.Net;

namespace HealthProbe.Registry;

/// <summary>
/// What readers query and subscribe to: every probed node by group and address, and an event per state
/// change. The scheduler writes; DNS answering, logs and status pages read.
/// </summary>
public sealed class HealthRegistry
{
    private readonly ConcurrentDictionary<(string Group, IPAddress Address), HealthTarget> _targets = new();

    /// <summary>Raised after a node's state changed (on the probing thread; handlers must be quick).</summary>
    public event Action<HealthChange>? Changed;

    /// <summary>The target for a node, created (Unknown, servable) on first use.</summary>
    public HealthTarget GetOrAdd(string group, IPAddress address) =>
        _targets.GetOrAdd((group, address), static key => new HealthTarget(key.Group, key.Address));

    public bool TryGet(string group, IPAddress address, out HealthTarget? target) => _targets.TryGetValue((group, address), out target);

    internal void Remove(HealthTarget target) => _targets.TryRemove(new((target.Group, target.Address), target));

    public IReadOnlyList<HealthTarget> Snapshot() =>
        [.. _targets.Values.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Address.ToString(), StringComparer.Ordinal)];

    internal void Raise(HealthChange change) => Changed?.Invoke(change);
}
