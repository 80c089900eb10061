using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>A zone's records one by one, the SOA first (RFC 5936 §2.2: a transfer starts with it), in the zone's own order after it.</summary>
internal static class ZoneRecords
{
    public static IEnumerable<TransferRecord> All(Zone zone)
    {
        yield return Soa(zone);
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.Sets)
            {
                if (set.Type == RecordType.SOA && node.IsApex)
                    continue;
                foreach (var data in set.Items)
                    yield return new TransferRecord(set.Owner, set.Ttl, data);
            }
        }
    }

    public static TransferRecord Soa(Zone zone) => new(zone.Origin, zone.SoaSet.Ttl, zone.Soa);

    public static ResourceRecord SoaRecord(Zone zone) => new(zone.Origin, (ushort)RecordClass.IN, zone.SoaSet.Ttl, zone.Soa);

    public static IEnumerable<ResourceRecord> AsResourceRecords(IEnumerable<TransferRecord> records)
    {
        foreach (var record in records)
            yield return new ResourceRecord(record.Owner, (ushort)RecordClass.IN, record.Ttl, record.Data);
    }
}
