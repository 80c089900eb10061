using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// TLSA (RFC 6698 §2) and SMIMEA (RFC 8162 §2, same format): certificate usage, selector, matching type and
/// the certificate association data in base 16, which may be split by blanks (§2.2).
/// </summary>
public sealed class TlsaData(RecordType type, byte usage, byte selector, byte matchingType, byte[] association) : RData
{
    public override RecordType Type { get; } = type;
    public byte Usage { get; } = usage;
    public byte Selector { get; } = selector;
    public byte MatchingType { get; } = matchingType;
    public ReadOnlySpan<byte> Association => association;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(Usage) && writer.TryWriteByte(Selector) && writer.TryWriteByte(MatchingType) && writer.TryWriteBytes(association);

    public override string ToString() =>
        association.Length == 0 ? UnknownData.Generic(Wire) : $"{Usage} {Selector} {MatchingType} {Base16.Encode(association)}";

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadByte(out byte usage) && rdata.TryReadByte(out byte selector) && rdata.TryReadByte(out byte matching)
            ? new TlsaData(type, usage, selector, matching, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryByte("usage", out byte usage) && fields.TryByte("selector", out byte selector)
            && fields.TryByte("matching type", out byte matching) && fields.TryBase16Rest("association data", out var association)
            ? new TlsaData(fields.Type, usage, selector, matching, association) : null;
        return data is not null;
    }
}
