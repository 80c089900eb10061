using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// Walks the RDATA fields of one record in presentation form, field by field, for the record-data types'
/// parsers. Every <c>Try…</c> consumes one field (or the rest, for the <c>…Rest</c> ones); on <c>false</c>
/// <see cref="Error"/> says what is wrong in words a zone-file author understands, naming the type and the
/// field. Zone files are read with it; the query path never is.
/// </summary>
internal sealed class FieldReader(IReadOnlyList<TextField> fields, DnsName origin, RecordType type)
{
    private int _index;

    public DnsName Origin { get; } = origin;

    public RecordType Type { get; } = type;

    public string TypeName => RecordTypeNames.Name(Type);

    /// <summary>What went wrong, once a <c>Try…</c> returned false.</summary>
    public string? Error { get; private set; }

    public bool HasMore => _index < fields.Count;

    /// <summary>Records <paramref name="message"/> as the error and returns false.</summary>
    public bool Fail(string message)
    {
        Error = message;
        return false;
    }

    public bool TryNext(string what, out TextField field)
    {
        if (_index < fields.Count)
        {
            field = fields[_index++];
            return true;
        }
        field = default;
        return Fail($"{TypeName} ends before its {what}");
    }

    /// <summary>Looks at the next field without consuming it.</summary>
    public bool TryPeek(out TextField field)
    {
        field = _index < fields.Count ? fields[_index] : default;
        return _index < fields.Count;
    }

    /// <summary>True when every field was used; otherwise the first extra field is the error.</summary>
    public bool TryEnd()
    {
        if (_index == fields.Count)
            return true;
        return Fail($"{TypeName} has {fields.Count - _index} unexpected field(s) after its data: '{fields[_index].Text}'");
    }

    public bool TryByte(string what, out byte value)
    {
        value = 0;
        return TryNext(what, out var field) && (byte.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not a number from 0 to 255"));
    }

    public bool TryUInt16(string what, out ushort value)
    {
        value = 0;
        return TryNext(what, out var field) && (ushort.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not a number from 0 to 65535"));
    }

    public bool TryUInt32(string what, out uint value)
    {
        value = 0;
        return TryNext(what, out var field) && (uint.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not a number from 0 to 4294967295"));
    }

    /// <summary>A time value: seconds or units such as <c>1h30m</c> (SOA timers, RRSIG original TTL).</summary>
    public bool TryTime(string what, out uint value)
    {
        value = 0;
        return TryNext(what, out var field) && (TimeValue.TryParse(field.Text, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not a time value"));
    }

    /// <summary>A DNSSEC algorithm (RFC 4034 Appendix A.1): its number or its mnemonic.</summary>
    public bool TryAlgorithm(string what, out byte value)
    {
        value = 0;
        return TryNext(what, out var field) && (DnssecAlgorithm.TryParse(field.Text, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not an algorithm number or mnemonic"));
    }

    public bool TryType(string what, out RecordType value)
    {
        value = 0;
        return TryNext(what, out var field) && (RecordTypeNames.TryParse(field.Text, out value)
            || Fail($"{TypeName} {what} '{field.Text}' is not a record type"));
    }

    /// <summary>A domain name, relative to the origin unless it ends in a dot; never quoted.</summary>
    public bool TryName(string what, [NotNullWhen(true)] out DnsName? name)
    {
        name = null;
        if (!TryNext(what, out var field))
            return false;
        if (field.Quoted)
            return Fail($"{TypeName} {what}: a domain name cannot be quoted (\"{field.Text}\")");
        return DnsName.TryParse(field.Text, Origin, out name, out var error) || Fail($"{TypeName} {what}: {error}");
    }

    /// <summary>One character-string (RFC 1035 §5.1), quoted or not, of at most 255 bytes.</summary>
    public bool TryCharacterString(string what, out byte[] bytes)
    {
        bytes = [];
        if (!TryNext(what, out var field))
            return false;
        if (!CharacterString.TryDecode(field.Text, out bytes))
            return Fail($"{TypeName} {what}: bad escape in \"{field.Text}\"");
        return bytes.Length <= CharacterString.MaxLength
            || Fail($"{TypeName} {what} of {bytes.Length} bytes; a character-string holds at most 255");
    }

    /// <summary>Base 16 spread over the remaining fields (RFC 4034 §5.3, RFC 6698 §2.2).</summary>
    public bool TryBase16Rest(string what, out byte[] bytes)
    {
        bytes = [];
        string text = JoinRest();
        if (text.Length == 0)
            return Fail($"{TypeName} ends before its {what}");
        return Base16.TryDecode(text, out bytes) || Fail($"{TypeName} {what} '{text}' is not an even number of hexadecimal digits");
    }

    /// <summary>Base 64 spread over the remaining fields (RFC 4034 §2.2, RFC 4701 §3.4, RFC 7929 §2.3).</summary>
    public bool TryBase64Rest(string what, out byte[] bytes)
    {
        bytes = [];
        string text = JoinRest();
        if (text.Length == 0)
            return Fail($"{TypeName} ends before its {what}");
        return Base64.TryDecode(text, out bytes) || Fail($"{TypeName} {what} '{text}' is not base64");
    }

    private string JoinRest()
    {
        var sb = new StringBuilder();
        while (_index < fields.Count)
            sb.Append(fields[_index++].Text);
        return sb.ToString();
    }
}
