using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// KX (RFC 2230 §3.1): a preference and a key exchanger. RFC 2230 forbids compressing the name, and it is
/// not among RFC 3597 §4's types whose names a receiver expands: a pointer is malformed data.
/// </summary>
public sealed class KxData(ushort preference, DnsName exchanger) : RData
{
    public ushort Preference { get; } = preference;
    public DnsName Exchanger { get; } = exchanger;

    public override RecordType Type => RecordType.KX;

    public override bool TryWrite(ref DnsMessageWriter writer) => writer.TryWriteUInt16(Preference) && writer.TryWriteName(Exchanger.Wire, compress: false);

    public override string ToString() => $"{Preference} {Exchanger}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort preference) && rdata.TryReadName(decompress: false, out var exchanger) ? new KxData(preference, exchanger) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("preference", out ushort preference) && fields.TryName("exchanger", out var exchanger) ? new KxData(preference, exchanger) : null;
        return data is not null;
    }
}
