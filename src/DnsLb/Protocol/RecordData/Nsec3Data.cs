using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// NSEC3 (RFC 5155 §3): hash algorithm, flags, iterations, salt (base 16, <c>-</c> when empty), the next
/// hashed owner name (base 32 with the extended hex alphabet, §3.3) and a type bit map.
/// </summary>
public sealed class Nsec3Data(byte hashAlgorithm, byte flags, ushort iterations, byte[] salt, byte[] nextHashed, byte[] typeBitmap) : RData
{
    public byte HashAlgorithm { get; } = hashAlgorithm;
    public byte Flags { get; } = flags;
    public ushort Iterations { get; } = iterations;
    public ReadOnlySpan<byte> Salt => salt;
    public ReadOnlySpan<byte> NextHashed => nextHashed;
    public ReadOnlySpan<byte> TypeBitmap => typeBitmap;

    public override RecordType Type => RecordType.NSEC3;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(HashAlgorithm) && writer.TryWriteByte(Flags) && writer.TryWriteUInt16(Iterations)
        && writer.TryWriteByte((byte)salt.Length) && writer.TryWriteBytes(salt)
        && writer.TryWriteByte((byte)nextHashed.Length) && writer.TryWriteBytes(nextHashed) && writer.TryWriteBytes(typeBitmap);

    public override string ToString()
    {
        if (nextHashed.Length == 0)
            return UnknownData.Generic(Wire);
        var sb = new StringBuilder();
        sb.Append(HashAlgorithm).Append(' ').Append(Flags).Append(' ').Append(Iterations).Append(' ')
            .Append(Nsec3ParamData.FormatSalt(salt)).Append(' ').Append(Base32Hex.Encode(nextHashed));
        RecordData.TypeBitmap.Append(sb, typeBitmap);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadByte(out byte algorithm) || !rdata.TryReadByte(out byte flags) || !rdata.TryReadUInt16(out ushort iterations)
            || !rdata.TryReadCharacterString(out var salt) || !rdata.TryReadCharacterString(out var next))
            return false;
        var bitmap = rdata.ReadRest();
        if (!RecordData.TypeBitmap.IsValid(bitmap))
            return false;
        data = new Nsec3Data(algorithm, flags, iterations, salt.ToArray(), next.ToArray(), bitmap.ToArray());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryByte("hash algorithm", out byte algorithm) || !fields.TryByte("flags", out byte flags)
            || !fields.TryUInt16("iterations", out ushort iterations) || !Nsec3ParamData.TryParseSalt(fields, out var salt)
            || !fields.TryNext("next hashed owner", out var nextField))
            return false;
        if (!Base32Hex.TryDecode(nextField.Text, out var next) || next.Length is 0 or > 255)
            return fields.Fail($"NSEC3 next hashed owner '{nextField.Text}' is not base32hex of 1 to 255 bytes");
        if (!RecordData.TypeBitmap.TryParse(fields, out var bitmap))
            return false;
        data = new Nsec3Data(algorithm, flags, iterations, salt, next, bitmap);
        return true;
    }
}
