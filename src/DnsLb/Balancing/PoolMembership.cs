using DnsLb.Protocol.RecordData;
using DnsLb.Protocol;
using DnsLb.Zones;
using HealthProbe.Scheduling;
using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>
/// Members come from the zone: every A and AAAA record at a pool's name is a node. Whenever a zone set is
/// about to be served, this works out each pool's nodes, tells the scheduler (new nodes are probed at
/// once, removed ones stop), and builds the answer plans the selector reads.
/// </summary>
internal sealed partial class PoolMembership(PoolCatalog catalog, ProbeScheduler scheduler, ILogger<PoolMembership> logger) : IZoneSetListener
{
    private volatile Dictionary<RRSet, PoolPlan> _plans = new(ReferenceEqualityComparer.Instance);

    public bool TryGetPlan(RRSet set, out PoolPlan? plan) => _plans.TryGetValue(set, out plan);

    public void ZonesPublishing(ZoneSet zones)
    {
        var plans = new Dictionary<RRSet, PoolPlan>(ReferenceEqualityComparer.Instance);
        foreach (var pool in catalog.Pools)
        {
            var sets = AddressSets(zones, pool.DnsName);
            var addresses = sets.SelectMany(s => s.Records.Cast<AddressData>().Select(a => a.Address)).Distinct().ToList();
            if (addresses.Count == 0)
                LogNoMembers(logger, pool.Name);

            var targets = scheduler.Sync(pool.Name, pool.Timing, pool.Probe, addresses);
            var byAddress = targets.ToDictionary(t => t.Address);
            foreach (var set in sets)
                plans[set] = new PoolPlan(pool, [.. set.Records.Cast<AddressData>().Select(a => byAddress[a.Address])]);
            LogMembers(logger, pool.Name, addresses.Count, pool.Probe.Description);
        }
        _plans = plans;
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
