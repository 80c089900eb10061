using System.Globalization;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// RRSIG inception and expiration (RFC 4034 §3.2): on the wire a 32-bit count of seconds since 1970-01-01
/// UTC, compared with serial arithmetic (RFC 1982); in presentation form <c>YYYYMMDDHHmmSS</c> in UTC or
/// that count as a plain decimal. A field of exactly 14 digits is a date, anything shorter a count.
/// </summary>
public static class SignatureTime
{
    private const int DateLength = 14;

    public static bool TryParse(string text, out uint seconds)
    {
        seconds = 0;
        if (text.Length == DateLength)
        {
            if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) || date.Year < 1970)
                return false;
            // Beyond 2106 the count wraps, as serial arithmetic intends.
            seconds = (uint)((ulong)(date - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
            return true;
        }
        return text.Length < DateLength && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    public static string Format(uint seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
