using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Secondary;

/// <summary>A primary's answer to our SOA query: its SOA, or why there is none.</summary>
public sealed record SoaCheck(ResourceRecord? Soa, string? Error)
{
    public uint Serial => ((SoaData)Soa!.Data).Serial;

    public bool Succeeded => Soa is not null;
}
