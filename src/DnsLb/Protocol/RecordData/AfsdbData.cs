using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// AFSDB (RFC 1183 §1): a subtype and a server name. Written uncompressed; read with pointers expanded
/// (RFC 3597 §4).
/// </summary>
public sealed class AfsdbData(ushort subtype, DnsName host) : RData
{
    public ushort Subtype { get; } = subtype;
    public DnsName Host { get; } = host;

    public override RecordType Type => RecordType.AFSDB;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteUInt16(Subtype) && writer.TryWriteName(Host.Wire, compress: false);

    public override string ToString() => $"{Subtype} {Host}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort subtype) && rdata.TryReadName(decompress: true, out var host) ? new AfsdbData(subtype, host) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("subtype", out ushort subtype) && fields.TryName("host", out var host) ? new AfsdbData(subtype, host) : null;
        return data is not null;
    }
}
