using System.Diagnostics.CodeAnalysis;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// TXT (RFC 1035 §3.3.14) and SPF (RFC 4408 §3.1.1, same format): one or more character-strings of at most
/// 255 bytes each.
/// </summary>
public sealed class TxtData : RData
{
    private readonly byte[][] _strings;

    public TxtData(IReadOnlyList<byte[]> strings, RecordType type = RecordType.TXT)
    {
        if (strings.Count == 0)
            throw new ArgumentException("TXT needs at least one character-string", nameof(strings));
        foreach (var s in strings)
        {
            if (s.Length > CharacterString.MaxLength)
                throw new ArgumentException("a character-string holds at most 255 bytes", nameof(strings));
        }
        _strings = [.. strings];
        Type = type;
    }

    public IReadOnlyList<byte[]> Strings => _strings;

    public override RecordType Type { get; }

    public override bool TryWrite(ref DnsMessageWriter writer)
    {
        foreach (var s in _strings)
        {
            if (!writer.TryWriteByte((byte)s.Length) || !writer.TryWriteBytes(s))
                return false;
        }
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var s in _strings)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            CharacterString.AppendQuoted(sb, s);
        }
        return sb.ToString();
    }

    internal static bool TryRead(ref RDataCursor rdata, RecordType type, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        var strings = new List<byte[]>();
        while (!rdata.AtEnd)
        {
            if (!rdata.TryReadCharacterString(out var text))
                return false;
            strings.Add(text.ToArray());
        }
        if (strings.Count == 0)
            return false;
        data = new TxtData(strings, type);
        return true;
    }

    /// <summary>
    /// Each field is one character-string; a field longer than 255 bytes is split into several, as Knot
    /// does, so that a zone Knot loads loads here too and is answered with the same bytes.
    /// </summary>
    internal static bool TryParse(FieldReader fields, [NotNullWhen(true)] out RData? data)
    {
        data = null;
        var strings = new List<byte[]>();
        do
        {
            fields.TryNext("string", out var field);
            if (!CharacterString.TryDecode(field.Text, out var text))
                return fields.Fail($"{fields.TypeName} string: bad escape in \"{field.Text}\"");
            strings.Add(text[..Math.Min(text.Length, CharacterString.MaxLength)]);
            for (int start = CharacterString.MaxLength; start < text.Length; start += CharacterString.MaxLength)
                strings.Add(text[start..Math.Min(text.Length, start + CharacterString.MaxLength)]);
        }
        while (fields.HasMore);
        data = new TxtData(strings, fields.Type);
        return true;
    }
}
