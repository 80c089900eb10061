using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>NSEC3PARAM (RFC 5155 §4): hash algorithm, flags, iterations and salt (base 16, <c>-</c> when empty, §4.3).</summary>
public sealed class Nsec3ParamData(byte hashAlgorithm, byte flags, ushort iterations, byte[] salt) : RData
{
    public byte HashAlgorithm { get; } = hashAlgorithm;
    public byte Flags { get; } = flags;
    public ushort Iterations { get; } = iterations;
    public ReadOnlySpan<byte> Salt => salt;

    public override RecordType Type => RecordType.NSEC3PARAM;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(HashAlgorithm) && writer.TryWriteByte(Flags) && writer.TryWriteUInt16(Iterations)
        && writer.TryWriteByte((byte)salt.Length) && writer.TryWriteBytes(salt);

    public override string ToString() => $"{HashAlgorithm} {Flags} {Iterations} {FormatSalt(salt)}";

    internal static string FormatSalt(ReadOnlySpan<byte> salt) => salt.Length == 0 ? "-" : Base16.Encode(salt);

    /// <summary>One field: <c>-</c> for no salt, else 1–255 bytes in base 16 (RFC 5155 §3.3).</summary>
    internal static bool TryParseSalt(FieldReader fields, out byte[] salt)
    {
        salt = [];
        if (!fields.TryNext("salt", out var field))
            return false;
        if (field.Text == "-")
            return true;
        return (Base16.TryDecode(field.Text, out salt) && salt.Length is > 0 and <= 255)
            || fields.Fail($"{fields.TypeName} salt '{field.Text}' is neither '-' nor 1 to 255 bytes of base 16");
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadByte(out byte algorithm) && rdata.TryReadByte(out byte flags) && rdata.TryReadUInt16(out ushort iterations)
            && rdata.TryReadCharacterString(out var salt)
            ? new Nsec3ParamData(algorithm, flags, iterations, salt.ToArray()) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryByte("hash algorithm", out byte algorithm) && fields.TryByte("flags", out byte flags)
            && fields.TryUInt16("iterations", out ushort iterations) && TryParseSalt(fields, out var salt)
            ? new Nsec3ParamData(algorithm, flags, iterations, salt) : null;
        return data is not null;
    }
}
