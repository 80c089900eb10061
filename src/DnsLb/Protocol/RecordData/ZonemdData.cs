using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// ZONEMD (RFC 8976 §2): the zone's serial, scheme, hash algorithm and digest in base 16 (§2.3). Served as
/// data; DnsLb does not compute or check the digest.
/// </summary>
public sealed class ZonemdData(uint serial, byte scheme, byte hashAlgorithm, byte[] digest) : RData
{
    public uint Serial { get; } = serial;
    public byte Scheme { get; } = scheme;
    public byte HashAlgorithm { get; } = hashAlgorithm;
    public ReadOnlySpan<byte> Digest => digest;

    public override RecordType Type => RecordType.ZONEMD;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt32(Serial) && writer.TryWriteByte(Scheme) && writer.TryWriteByte(HashAlgorithm) && writer.TryWriteBytes(digest);

    public override string ToString() =>
        digest.Length == 0 ? UnknownData.Generic(Wire) : $"{Serial} {Scheme} {HashAlgorithm} {Base16.Encode(digest)}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt32(out uint serial) && rdata.TryReadByte(out byte scheme) && rdata.TryReadByte(out byte algorithm)
            ? new ZonemdData(serial, scheme, algorithm, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt32("serial", out uint serial) && fields.TryByte("scheme", out byte scheme)
            && fields.TryByte("hash algorithm", out byte algorithm) && fields.TryBase16Rest("digest", out var digest)
            ? new ZonemdData(serial, scheme, algorithm, digest) : null;
        return data is not null;
    }
}
