using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RDATA that is a single domain name: NS (RFC 1035 §3.3.11), CNAME (§3.3.1), PTR (§3.3.12), all three
/// compressible, and DNAME (RFC 6672 §2.1), which has the same shape but is never compressed when written
/// (RFC 3597 §4). A compressed DNAME is still read, as RFC 2672 once allowed it.
/// </summary>
public sealed class NameData(RecordType type, DnsName target) : RData
{
    public override RecordType Type { get; } = type;

    public DnsName Target { get; } = target;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteName(Target.Wire, compress: Type != RecordType.DNAME);

    public override string ToString() => Target.ToString();

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadName(decompress: true, out var target) ? new NameData(type, target) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryName("target", out var target) ? new NameData(fields.Type, target) : null;
        return data is not null;
    }
}
