using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>DHCID (RFC 4701 §3): an opaque identifier, in presentation form base 64 (§3.4).</summary>
public sealed class DhcidData(byte[] digest) : RData
{
    public ReadOnlySpan<byte> Digest => digest;

    public override RecordType Type => RecordType.DHCID;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteBytes(digest);

    public override string ToString() => digest.Length == 0 ? UnknownData.Generic(Wire) : Base64.Encode(digest);

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = new DhcidData(rdata.ReadRest().ToArray());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryBase64Rest("identifier", out var digest) ? new DhcidData(digest) : null;
        return data is not null;
    }
}
