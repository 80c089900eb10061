using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>The zone's records as mutable sets, in the zone's order, new sets after.</summary>
internal sealed class IxfrWorkingZone
{
    private readonly Dictionary<(DnsName Owner, RecordType Type), IxfrWorkingSet> _sets = [];
    private readonly List<IxfrWorkingSet> _order = [];

    public IxfrWorkingZone(Zone zone)
    {
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.Sets)
            {
                if (set.Type == RecordType.SOA && node.IsApex)
                    continue;
                var working = Get(set.Owner, set.Type, set.Ttl);
                foreach (var data in set.Records)
                    working.Add(data);
            }
        }
    }

    public bool Remove(ResourceRecord record) =>
        _sets.TryGetValue((record.Owner, record.Type), out var set) && set.Remove(record.Data);

    /// <summary>Adds a record; the set takes the TTL of what is added (a changed TTL comes as remove and add).</summary>
    public bool Add(ResourceRecord record)
    {
        var set = Get(record.Owner, record.Type, record.Ttl);
        set.Ttl = record.Ttl;
        return set.Add(record.Data);
    }

    public IEnumerable<ResourceRecord> Records(ResourceRecord soa)
    {
        yield return soa;
        foreach (var set in _order)
        {
            foreach (var data in set.Items())
                yield return new ResourceRecord(set.Owner, (ushort)RecordClass.IN, set.Ttl, data);
        }
    }

    private IxfrWorkingSet Get(DnsName owner, RecordType type, uint ttl)
    {
        if (!_sets.TryGetValue((owner, type), out var set))
        {
            set = new IxfrWorkingSet(owner, ttl);
            _sets.Add((owner, type), set);
            _order.Add(set);
        }
        return set;
    }
}
