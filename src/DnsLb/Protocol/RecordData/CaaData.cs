using System.Text;

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
        AppendQuoted(sb, _value);
        return sb.ToString();
    }

    public static ParseStatus TryRead(ReadOnlySpan<byte> rdata, out RData? data)
    {
        data = null;
        if (rdata.Length < 2)
            return ParseStatus.BadRecordData;
        int tagLength = rdata[1];
        if (2 + tagLength > rdata.Length || !IsValidTag(rdata.Slice(2, tagLength)))
            return ParseStatus.BadRecordData;
        data = new CaaData(rdata[0], rdata.Slice(2, tagLength), rdata[(2 + tagLength)..]);
        return ParseStatus.Ok;
    }
}
