using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>MX (RFC 1035 §3.3.9): a preference and a mail exchanger (compressible).</summary>
public sealed class MxData(ushort preference, DnsName exchange) : RData
{
    public ushort Preference { get; } = preference;
    public DnsName Exchange { get; } = exchange;

    public override RecordType Type => RecordType.MX;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Preference) && writer.TryWriteName(Exchange.Wire, compress: true);

    public override string ToString() => $"{Preference} {Exchange}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort preference) && rdata.TryReadName(decompress: true, out var exchange)
            ? new MxData(preference, exchange) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("preference", out ushort preference) && fields.TryName("exchange", out var exchange)
            ? new MxData(preference, exchange) : null;
        return data is not null;
    }
}
