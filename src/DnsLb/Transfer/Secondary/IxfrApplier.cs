using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Applies the steps of an IXFR (RFC 1995 §4) to the zone we hold and builds the new version through the
/// zone builder's checks. Each step must start at the serial the zone is at, remove only records the zone
/// has and add only records it lacks: an inconsistent diff means our copy and the primary's disagree, and
/// the whole transfer is rejected (the caller then asks for the whole zone). Linear in the zone's size: the
/// zone is copied once into sets keyed by owner and type, and each set hashes its records.
/// </summary>
internal static class IxfrApplier
{
    public static ZoneBuildResult Apply(Zone current, IReadOnlyList<ZoneDelta> steps, string source)
    {
        var sets = new WorkingZone(current);
        uint serial = current.Serial;
        ResourceRecord soa = ZoneRecords.SoaRecord(current);
        foreach (var step in steps)
        {
            if (step.FromSerial != serial)
                return Failed(source, $"an IXFR step starts at serial {step.FromSerial} but the zone is at {serial}");
            foreach (var record in step.Removed)
            {
                if (!sets.Remove(record))
                    return Failed(source, $"serial {step.FromSerial}→{step.ToSerial} removes {record}, which the zone does not hold");
            }
            foreach (var record in step.Added)
            {
                if (!sets.Add(record))
                    return Failed(source, $"serial {step.FromSerial}→{step.ToSerial} adds {record}, which the zone already holds");
            }
            serial = step.ToSerial;
            soa = step.NewSoa;
        }
        return ZoneFromRecords.Build(current.Origin, sets.Records(soa), source);
    }

    private static ZoneBuildResult Failed(string source, string message) => new(null, [$"{source}: {message}"]);

    /// <summary>The zone's records as mutable sets, in the zone's order, new sets after.</summary>
    private sealed class WorkingZone
    {
        private readonly Dictionary<(DnsName Owner, RecordType Type), WorkingSet> _sets = [];
        private readonly List<WorkingSet> _order = [];

        public WorkingZone(Zone zone)
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

        private WorkingSet Get(DnsName owner, RecordType type, uint ttl)
        {
            if (!_sets.TryGetValue((owner, type), out var set))
            {
                set = new WorkingSet(owner, ttl);
                _sets.Add((owner, type), set);
                _order.Add(set);
            }
            return set;
        }
    }

    /// <summary>One RRset's records in order, with removal by value in constant time.</summary>
    private sealed class WorkingSet(DnsName owner, uint ttl)
    {
        private readonly List<RData?> _slots = [];
        private readonly Dictionary<RData, int> _positions = [];

        public DnsName Owner { get; } = owner;

        public uint Ttl { get; set; } = ttl;

        public bool Add(RData data)
        {
            if (!_positions.TryAdd(data, _slots.Count))
                return false;
            _slots.Add(data);
            return true;
        }

        public bool Remove(RData data)
        {
            if (!_positions.Remove(data, out int position))
                return false;
            _slots[position] = null;
            return true;
        }

        public IEnumerable<RData> Items()
        {
            foreach (var data in _slots)
            {
                if (data is not null)
                    yield return data;
            }
        }
    }
}
