using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// NAPTR (RFC 3403 §4.1): order, preference, flags, services, regexp (three character-strings) and a
/// replacement name, which RFC 3403 forbids compressing; a pointer is still expanded on reading (RFC 3597 §4).
/// </summary>
public sealed class NaptrData(ushort order, ushort preference, byte[] flags, byte[] services, byte[] regexp, DnsName replacement) : RData
{
    public ushort Order { get; } = order;
    public ushort Preference { get; } = preference;
    public ReadOnlySpan<byte> Flags => flags;
    public ReadOnlySpan<byte> Services => services;
    public ReadOnlySpan<byte> Regexp => regexp;
    public DnsName Replacement { get; } = replacement;

    public override RecordType Type => RecordType.NAPTR;

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteUInt16(Order) && writer.TryWriteUInt16(Preference)
        && writer.TryWriteByte((byte)flags.Length) && writer.TryWriteBytes(flags)
        && writer.TryWriteByte((byte)services.Length) && writer.TryWriteBytes(services)
        && writer.TryWriteByte((byte)regexp.Length) && writer.TryWriteBytes(regexp)
        && writer.TryWriteName(Replacement.Wire, compress: false);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Order).Append(' ').Append(Preference).Append(' ');
        CharacterString.AppendQuoted(sb, flags);
        sb.Append(' ');
        CharacterString.AppendQuoted(sb, services);
        sb.Append(' ');
        CharacterString.AppendQuoted(sb, regexp);
        return sb.Append(' ').Append(Replacement).ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = rdata.TryReadUInt16(out ushort order) && rdata.TryReadUInt16(out ushort preference)
            && rdata.TryReadCharacterString(out var flags) && rdata.TryReadCharacterString(out var services)
            && rdata.TryReadCharacterString(out var regexp) && rdata.TryReadName(decompress: true, out var replacement)
            ? new NaptrData(order, preference, flags.ToArray(), services.ToArray(), regexp.ToArray(), replacement) : null;
        return data is not null;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = fields.TryUInt16("order", out ushort order) && fields.TryUInt16("preference", out ushort preference)
            && fields.TryCharacterString("flags", out var flags) && fields.TryCharacterString("services", out var services)
            && fields.TryCharacterString("regexp", out var regexp) && fields.TryName("replacement", out var replacement)
            ? new NaptrData(order, preference, flags, services, regexp, replacement) : null;
        return data is not null;
    }
}
