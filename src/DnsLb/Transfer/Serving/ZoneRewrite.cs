using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// New versions of a zone made by DnsLb itself rather than read from a file: the same records under
/// another serial, or some RRsets replaced (the pool names' addresses as DnsLb would answer them, for a
/// <see cref="TransferMembers.Healthy"/> secondary). Built through the zone builder, so the result is as
/// checked as a loaded file. Linear in the zone's size.
/// </summary>
internal static class ZoneRewrite
{
    /// <summary>The zone with its SOA serial set to <paramref name="serial"/>.</summary>
    public static Zone WithSerial(Zone zone, uint serial) => Rewrite(zone, serial, replace: null);

    /// <summary>
    /// The zone with each RRset <paramref name="replace"/> returns records for replaced by them (null keeps
    /// the set, an empty list drops it) and the SOA serial set to <paramref name="serial"/>. The SOA is never
    /// offered for replacement.
    /// </summary>
    public static Zone Rewrite(Zone zone, uint serial, Func<RRSet, IReadOnlyList<RData>?>? replace)
    {
        var soa = zone.Soa;
        var newSoa = new SoaData(soa.Primary, soa.Mailbox, serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum);
        var result = ZoneFromRecords.Build(zone.Origin, Records(zone, newSoa, replace), zone.Source);
        return result.Zone ?? throw new InvalidOperationException(
            $"rewriting {zone.Origin} made a zone that does not build: {string.Join("; ", result.Errors)}");
    }

    private static IEnumerable<ResourceRecord> Records(Zone zone, SoaData soa, Func<RRSet, IReadOnlyList<RData>?>? replace)
    {
        const ushort In = (ushort)RecordClass.IN;
        yield return new ResourceRecord(zone.Origin, In, zone.SoaSet.Ttl, soa);
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.Sets)
            {
                if (set.Type == RecordType.SOA && node.IsApex)
                    continue;
                var records = replace?.Invoke(set) ?? set.Records;
                foreach (var data in records)
                    yield return new ResourceRecord(set.Owner, In, set.Ttl, data);
            }
        }
    }
}
