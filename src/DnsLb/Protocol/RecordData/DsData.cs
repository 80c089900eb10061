using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// DS (RFC 4034 §5) and CDS (RFC 7344 §3.1, same format): key tag, algorithm, digest type and the digest,
/// written in base 16 that may be split by blanks (§5.3).
/// </summary>
public sealed class DsData(RecordType type, ushort keyTag, byte algorithm, byte digestType, byte[] digest) : RData
{
    public override RecordType Type { get; } = type;
    public ushort KeyTag { get; } = keyTag;
    public byte Algorithm { get; } = algorithm;
    public byte DigestType { get; } = digestType;
    public ReadOnlySpan<byte> Digest => digest;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(KeyTag) && writer.TryWriteByte(Algorithm) && writer.TryWriteByte(DigestType) && writer.TryWriteBytes(digest);

    // An empty digest has no presentation form of its own: the RFC 3597 form says it exactly.
    public override string ToString() =>
        digest.Length == 0 ? UnknownData.Generic(Wire) : $"{KeyTag} {Algorithm} {DigestType} {Base16.Encode(digest)}";

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort keyTag) && rdata.TryReadByte(out byte algorithm) && rdata.TryReadByte(out byte digestType)
            ? new DsData(type, keyTag, algorithm, digestType, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("key tag", out ushort keyTag) && fields.TryAlgorithm("algorithm", out byte algorithm)
            && fields.TryByte("digest type", out byte digestType) && fields.TryBase16Rest("digest", out var digest)
            ? new DsData(fields.Type, keyTag, algorithm, digestType, digest) : null;
        return data is not null;
    }
}
