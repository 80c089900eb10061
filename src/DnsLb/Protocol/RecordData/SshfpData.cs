using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>SSHFP (RFC 4255 §3): key algorithm, fingerprint type and the fingerprint in base 16 (§3.2).</summary>
public sealed class SshfpData(byte algorithm, byte fingerprintType, byte[] fingerprint) : RData
{
    public byte Algorithm { get; } = algorithm;
    public byte FingerprintType { get; } = fingerprintType;
    public ReadOnlySpan<byte> Fingerprint => fingerprint;

    public override RecordType Type => RecordType.SSHFP;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(Algorithm) && writer.TryWriteByte(FingerprintType) && writer.TryWriteBytes(fingerprint);

    public override string ToString() =>
        fingerprint.Length == 0 ? UnknownData.Generic(Wire) : $"{Algorithm} {FingerprintType} {Base16.Encode(fingerprint)}";

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadByte(out byte algorithm) && rdata.TryReadByte(out byte type)
            ? new SshfpData(algorithm, type, rdata.ReadRest().ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryByte("algorithm", out byte algorithm) && fields.TryByte("fingerprint type", out byte type)
            && fields.TryBase16Rest("fingerprint", out var fingerprint)
            ? new SshfpData(algorithm, type, fingerprint) : null;
        return data is not null;
    }
}
