using System.Globalization;
using System.Text;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// The &lt;character-string&gt; of RFC 1035 §3.3/§5.1: in a zone file quoted or not, with <c>\X</c> and
/// <c>\DDD</c> escapes; on the wire a length byte and at most 255 bytes. Non-ASCII text is taken as UTF-8.
/// </summary>
public static class CharacterString
{
    public const int MaxLength = 255;

    /// <summary>Decodes the escapes of raw field text into bytes; false on a broken escape.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                if (!DnsName.TryReadEscape(text, ref i, out int value))
                {
                    bytes = [];
                    return false;
                }
                output.Add((byte)value);
                continue;
            }
            if (text[i] < 0x80)
            {
                output.Add((byte)text[i++]);
                continue;
            }
            int width = char.IsSurrogatePair(text, i) ? 2 : 1;
            int count = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
            for (int k = 0; k < count; k++)
                output.Add(utf8[k]);
            i += width;
        }
        bytes = [.. output];
        return true;
    }

    /// <summary>Appends <paramref name="text"/> quoted, with <c>\"</c>, <c>\\</c> and <c>\DDD</c> for the rest.</summary>
    public static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> text)
    {
        sb.Append('"');
        AppendEscaped(sb, text);
        sb.Append('"');
    }

    /// <summary>The inside of a quoted string: printable ASCII as is, quote and backslash escaped, others as \DDD.</summary>
    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is (byte)'"' or (byte)'\\')
                sb.Append('\\').Append((char)b);
            else if (b < 0x20 || b > 0x7E)
                sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            else
                sb.Append((char)b);
        }
    }
}
