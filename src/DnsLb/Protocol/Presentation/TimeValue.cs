using System.Globalization;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// A TTL or SOA timer (RFC 1035 §5.1, RFC 2308 §4): seconds, or BIND's unit form such as <c>1h30m</c>
/// (s m h d w, in any case), which Knot and NSD read as well.
/// </summary>
public static class TimeValue
{
    public static bool TryParse(string text, out uint seconds)
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
        if (haveDigits || total > int.MaxValue)
            return false;
        seconds = (uint)total;
        return true;
    }
}
