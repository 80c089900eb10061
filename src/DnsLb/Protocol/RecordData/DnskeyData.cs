using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// DNSKEY (RFC 4034 §2) and CDNSKEY (RFC 7344 §3.2, same format): flags, protocol (always 3), algorithm and
/// the public key in base 64, which may be split by blanks (§2.2).
/// </summary>
public sealed class DnskeyData(RecordType type, ushort flags, byte protocol, byte algorithm, byte[] publicKey) : RData
{
    public override RecordType Type { get; } = type;
    public ushort Flags { get; } = flags;
    public byte Protocol { get; } = protocol;
    public byte Algorithm { get; } = algorithm;
    public ReadOnlySpan<byte> PublicKey => publicKey;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Flags) && writer.TryWriteByte(Protocol) && writer.TryWriteByte(Algorithm) && writer.TryWriteBytes(publicKey);

    public override string ToString() =>
        publicKey.Length == 0 ? UnknownData.Generic(Wire) : $"{Flags} {Protocol} {Algorithm} {Base64.Encode(publicKey)}";

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort flags) && rdata.TryReadByte(out byte protocol) && rdata.TryReadByte(out byte algorithm)
            ? new DnskeyData(type, flags, protocol, algorithm, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("flags", out ushort flags) && fields.TryByte("protocol", out byte protocol)
            && fields.TryAlgorithm("algorithm", out byte algorithm) && fields.TryBase64Rest("public key", out var key)
            ? new DnskeyData(fields.Type, flags, protocol, algorithm, key) : null;
        return data is not null;
    }
}
