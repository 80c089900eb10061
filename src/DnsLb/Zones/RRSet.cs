using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones;

/// <summary>
/// All records of one type at one name (RFC 2181 §5): one TTL, records in zone-file order.
/// Immutable, shared by the snapshot that owns it.
/// </summary>
public sealed class RRSet(DnsName owner, RecordType type, uint ttl, RData[] records)
{
    public DnsName Owner { get; } = owner;
    public RecordType Type { get; } = type;
    public uint Ttl { get; } = ttl;
    public IReadOnlyList<RData> Records => records;
    internal RData[] Items => records;
    public int Count => records.Length;
}
