using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;
using HealthProbe.Scheduling;
using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>
/// Members come from the zone: every A and AAAA record at a pool's name is a node. For each set of zones
/// about to be served, this works out each pool's nodes, tells the scheduler (a new node is probed at once
/// and counts as healthy until its probes say otherwise; a removed one stops being probed; a kept one goes on
/// as it was), and builds the answer plans of that set: the selector that goes into its snapshot. A kept
/// node keeps its <see cref="PoolMember"/>, and so its health, across every reload; the drains are handed
/// the members before the snapshot is served (<see cref="DrainRegistry.Attach"/>), so a node drained by its
/// file is never answered, not even once, when it joins a pool.
/// Not thread-safe: the reloader calls it one plan at a time.
/// </summary>
internal sealed partial class PoolMembership(PoolCatalog catalog, ProbeScheduler scheduler, DrainRegistry drains, ILogger<PoolMembership> logger)
{
    // Per pool name, what the last plan synced: the pool (to stop its probing when it goes) and its members.
    private Dictionary<string, Synced> _synced = new(StringComparer.Ordinal);

    private sealed record Synced(Pool Pool, Dictionary<IPAddress, PoolMember> Members);

    /// <summary>Syncs the probing with <paramref name="zones"/> and returns the selector for a snapshot of them.</summary>
    public PoolAddressSelector Plan(ZoneSet zones)
    {
        var plans = new Dictionary<RRSet, PoolPlan>(ReferenceEqualityComparer.Instance);
        var synced = new Dictionary<string, Synced>(StringComparer.Ordinal);
        var pools = catalog.Pools;
        foreach (var pool in pools)
        {
            var sets = AddressSets(zones, pool.DnsName);
            var addresses = sets.SelectMany(s => s.Records.Cast<AddressData>().Select(a => a.Address)).Distinct().ToList();
            var before = _synced.GetValueOrDefault(pool.Name);

            var members = new Dictionary<IPAddress, PoolMember>();
            foreach (var target in scheduler.Sync(pool.Name, pool.Timing, pool.Probe, addresses))
            {
                members[target.Address] = before is not null && before.Members.TryGetValue(target.Address, out var kept) && ReferenceEquals(kept.Target, target)
                    ? kept
                    : new PoolMember(pool.Name, target);
            }
            foreach (var set in sets)
                plans[set] = new PoolPlan(pool, [.. set.Records.Cast<AddressData>().Select(a => members[a.Address])]);
            synced[pool.Name] = new Synced(pool, members);
        }
        drains.Attach(synced.Values.SelectMany(s => s.Members.Values));
        foreach (var pool in pools)
            Report(pool, _synced.GetValueOrDefault(pool.Name), synced[pool.Name].Members);
        // Pools no longer configured: their nodes stop being probed.
        foreach (var gone in _synced.Where(s => !synced.ContainsKey(s.Key)).Select(s => s.Value))
            scheduler.Sync(gone.Pool.Name, gone.Pool.Timing, gone.Pool.Probe, []);
        _synced = synced;
        return new PoolAddressSelector(plans, pools);
    }

    /// <summary>One line per pool when it is new or its settings changed; else one per node added or removed.</summary>
    private void Report(Pool pool, Synced? before, Dictionary<IPAddress, PoolMember> members)
    {
        if (before is null || !ReferenceEquals(before.Pool, pool))
        {
            if (members.Count == 0)
                LogNoMembers(logger, pool.Name);
            else
                LogMembers(logger, pool.Name, members.Count, pool.Probe.Description);
            return;
        }
        foreach (var (address, member) in members)
        {
            if (before.Members.ContainsKey(address))
                continue;
            if (member.Drain is { File: { } file })
                LogMemberAddedDrained(logger, pool.Name, address.ToString(), file);
            else
                LogMemberAdded(logger, pool.Name, address.ToString());
        }
        foreach (var address in before.Members.Keys)
        {
            if (!members.ContainsKey(address))
                LogMemberRemoved(logger, pool.Name, address.ToString());
        }
        if (members.Count == 0 && before.Members.Count > 0)
            LogNoMembers(logger, pool.Name);
    }

    /// <summary>The A and AAAA RRsets at <paramref name="name"/> (the exact name, never a wildcard): a pool's nodes.</summary>
    public static IReadOnlyList<RRSet> AddressSets(ZoneSet zones, DnsName name)
    {
        var key = name.LowerWire;
        if (zones.FindZone(key) is not { } zone || !zone.TryGetNode(key, out var node))
            return [];
        return [.. new[] { node.Find(RecordType.A), node.Find(RecordType.AAAA) }.OfType<RRSet>()];
    }
}
