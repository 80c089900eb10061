using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>CAA (RFC 8659 §4.1): flags, a tag of 1–15 ASCII letters and digits, and a value.</summary>
public sealed class CaaData : RData
{
    private readonly byte[] _tag;
    private readonly byte[] _value;

    public CaaData(byte flags, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> value)
    {
        if (!IsValidTag(tag))
            throw new ArgumentException("a CAA tag is 1-15 ASCII letters or digits", nameof(tag));
        Flags = flags;
        _tag = tag.ToArray();
        _value = value.ToArray();
    }

    public byte Flags { get; }
    public string Tag => Encoding.ASCII.GetString(_tag);
    public ReadOnlySpan<byte> Value => _value;

    public override RecordType Type => RecordType.CAA;

    public static bool IsValidTag(ReadOnlySpan<byte> tag)
    {
        if (tag.Length is 0 or > 15)
            return false;
        foreach (byte b in tag)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
                return false;
        }
        return true;
    }

    public override bool TryWrite(ref DnsMessageWriter writer) =>
        writer.TryWriteByte(Flags) && writer.TryWriteByte((byte)_tag.Length) && writer.TryWriteBytes(_tag) && writer.TryWriteBytes(_value);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Flags).Append(' ').Append(Tag).Append(' ');
        CharacterString.AppendQuoted(sb, _value);
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!rdata.TryReadByte(out byte flags) || !rdata.TryReadCharacterString(out var tag) || !IsValidTag(tag))
            return false;
        data = new CaaData(flags, tag, rdata.ReadRest());
        return true;
    }

    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        if (!fields.TryByte("flags", out byte flags) || !fields.TryNext("tag", out var tagField))
            return false;
        var tag = Encoding.ASCII.GetBytes(tagField.Text);
        if (!IsValidTag(tag))
            return fields.Fail($"CAA tag '{tagField.Text}' must be 1-15 ASCII letters or digits");
        // The value runs to the end of the RDATA (RFC 8659 §4.1.1): not limited to 255 bytes.
        if (!fields.TryNext("value", out var valueField))
            return false;
        if (!CharacterString.TryDecode(valueField.Text, out var value))
            return fields.Fail($"bad escape in CAA value \"{valueField.Text}\"");
        data = new CaaData(flags, tag, value);
        return true;
    }
}
