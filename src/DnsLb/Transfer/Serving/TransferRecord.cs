using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Serving;

/// <summary>One record of a transfer stream (class IN): a value, so streaming a zone allocates nothing per record.</summary>
internal readonly record struct TransferRecord(DnsName Owner, uint Ttl, RData Data)
{
    public static TransferRecord From(ResourceRecord record) => new(record.Owner, record.Ttl, record.Data);
}
