using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// RRSIG (RFC 4034 §3): type covered, algorithm, labels, original TTL, expiration and inception (§3.2:
/// <c>YYYYMMDDHHmmSS</c> or seconds), key tag, signer's name (never compressed, §3.1.7) and the signature
/// in base 64. DnsLb does not sign or validate: a pre-signed zone's signatures are served as data.
/// </summary>
public sealed class RrsigData(RecordType typeCovered, byte algorithm, byte labels, uint originalTtl, uint expiration, uint inception,
    ushort keyTag, DnsName signer, byte[] signature) : RData
{
    public RecordType TypeCovered { get; } = typeCovered;
    public byte Algorithm { get; } = algorithm;
    public byte Labels { get; } = labels;
    public uint OriginalTtl { get; } = originalTtl;
    public uint Expiration { get; } = expiration;
    public uint Inception { get; } = inception;
    public ushort KeyTag { get; } = keyTag;
    public DnsName Signer { get; } = signer;
    public ReadOnlySpan<byte> Signature => signature;

    public override RecordType Type => RecordType.RRSIG;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16((ushort)TypeCovered) && writer.TryWriteByte(Algorithm) && writer.TryWriteByte(Labels)
        && writer.TryWriteUInt32(OriginalTtl) && writer.TryWriteUInt32(Expiration) && writer.TryWriteUInt32(Inception)
        && writer.TryWriteUInt16(KeyTag) && writer.TryWriteName(Signer.Wire, compress: false) && writer.TryWriteBytes(signature);

    public override string ToString() => signature.Length == 0
        ? UnknownData.Generic(Wire)
        : $"{RecordTypeNames.PresentationName(TypeCovered)} {Algorithm} {Labels} {OriginalTtl} {SignatureTime.Format(Expiration)} "
          + $"{SignatureTime.Format(Inception)} {KeyTag} {Signer} {Base64.Encode(signature)}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort covered) && rdata.TryReadByte(out byte algorithm) && rdata.TryReadByte(out byte labels)
            && rdata.TryReadUInt32(out uint ttl) && rdata.TryReadUInt32(out uint expiration) && rdata.TryReadUInt32(out uint inception)
            && rdata.TryReadUInt16(out ushort keyTag) && rdata.TryReadName(decompress: false, out var signer)
            ? new RrsigData((RecordType)covered, algorithm, labels, ttl, expiration, inception, keyTag, signer, rdata.ReadRest().ToArray())
            : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryType("type covered", out var covered) || !fields.TryAlgorithm("algorithm", out byte algorithm)
            || !fields.TryByte("labels", out byte labels) || !fields.TryTime("original TTL", out uint ttl)
            || !TryTime(fields, "expiration", out uint expiration) || !TryTime(fields, "inception", out uint inception)
            || !fields.TryUInt16("key tag", out ushort keyTag) || !fields.TryName("signer", out var signer)
            || !fields.TryBase64Rest("signature", out var signature))
            return false;
        data = new RrsigData(covered, algorithm, labels, ttl, expiration, inception, keyTag, signer, signature);
        return true;
    }

    private static bool TryTime(FieldReader fields, string what, out uint seconds)
    {
        seconds = 0;
        return fields.TryNext(what, out var field) && (SignatureTime.TryParse(field.Text, out seconds)
            || fields.Fail($"RRSIG {what} '{field.Text}' is neither YYYYMMDDHHmmSS nor a number of seconds"));
    }
}
