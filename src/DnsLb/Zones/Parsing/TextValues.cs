using System.Globalization;
using System.Text;
using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>Decoders for the scalar values of master files: numbers, TTLs, character-strings, names.</summary>
internal static class TextValues
{
    /// <summary>A TTL or SOA timer: seconds, or BIND's unit form such as <c>1h30m</c> (s m h d w).</summary>
    public static bool TryParseTtl(string text, out uint seconds)
    {
        seconds = 0;
        if (text.Length == 0)
            return false;
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            return true;
        ulong total = 0;
        ulong number = 0;
        bool haveDigits = false;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                number = number * 10 + (ulong)(c - '0');
                haveDigits = true;
                if (number > uint.MaxValue)
                    return false;
                continue;
            }
            ulong unit = char.ToLowerInvariant(c) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => 0,
            };
            if (unit == 0 || !haveDigits)
                return false;
            total += number * unit;
            number = 0;
            haveDigits = false;
        }
        if (haveDigits)
            return false;
        if (total > int.MaxValue)
            return false;
        seconds = (uint)total;
        return true;
    }

    public static bool TryParseUInt16(string text, out ushort value) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseUInt32(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseByte(string text, out byte value) =>
        byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Decodes a character-string's escapes (RFC 1035 §5.1) into bytes; non-ASCII text as UTF-8.</summary>
    public static bool TryDecodeString(string text, out byte[] bytes)
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
}
