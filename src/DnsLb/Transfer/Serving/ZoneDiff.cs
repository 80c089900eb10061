using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// What changed between two versions of a zone, RRset by RRset: records compared by their wire bytes (names
/// inside without case, as the zone builder merges them), never by re-serialising. Linear in the zones'
/// sizes: nodes are found by their key, and a large RRset is hashed once. The SOA is not part of the lists:
/// the delta's two SOAs are the versions' own.
/// </summary>
internal static class ZoneDiff
{
    /// <summary>Above this many records, membership in an RRset goes through a hash set instead of a scan.</summary>
    private const int ScanLimit = 8;

    public static ZoneDelta Compute(Zone older, Zone newer)
    {
        var removed = new List<ResourceRecord>();
        var added = new List<ResourceRecord>();
        Collect(older, newer, removed);
        Collect(newer, older, added);
        return new ZoneDelta(ZoneRecords.SoaRecord(older), ZoneRecords.SoaRecord(newer), removed, added);
    }

    /// <summary>Every record of <paramref name="from"/> that <paramref name="other"/> lacks (or holds with another TTL).</summary>
    private static void Collect(Zone from, Zone other, List<ResourceRecord> into)
    {
        foreach (var node in from.Nodes)
        {
            other.TryGetNode(node.Name.LowerWire, out var otherNode);
            foreach (var set in node.Sets)
            {
                if (set.Type == RecordType.SOA && node.IsApex)
                    continue;
                var otherSet = otherNode?.Find(set.Type);
                bool whole = otherSet is null || otherSet.Ttl != set.Ttl;
                HashSet<RData>? lookup = null;
                foreach (var data in set.Items)
                {
                    if (whole || !Contains(otherSet!, data, ref lookup))
                        into.Add(new ResourceRecord(set.Owner, (ushort)RecordClass.IN, set.Ttl, data));
                }
            }
        }
    }

    private static bool Contains(RRSet set, RData data, ref HashSet<RData>? lookup)
    {
        if (set.Count <= ScanLimit)
            return set.Items.AsSpan().Contains(data);
        lookup ??= [.. set.Items];
        return lookup.Contains(data);
    }
}
