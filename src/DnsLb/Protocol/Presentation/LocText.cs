using System.Globalization;
using System.Text;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// The pieces of LOC's presentation form (RFC 1876 §3): an angle as degrees, minutes, seconds and a
/// hemisphere, stored as thousandths of an arc second offset by 2^31; a distance in metres with at most
/// two decimals, stored in centimetres; and a size or precision stored as mantissa × 10^exponent cm (§2).
/// </summary>
internal static class LocText
{
    public const uint Equator = 1u << 31;

    /// <summary>
    /// Reads <c>d [m [s.sss]] H</c> from <paramref name="fields"/>, where H is one of
    /// <paramref name="hemispheres"/> ("NS" or "EW"), and returns the wire value.
    /// </summary>
    public static bool TryParseAngle(FieldReader fields, string what, string hemispheres, int maxDegrees, out uint value)
    {
        value = 0;
        Span<long> parts = stackalloc long[3]; // degrees, minutes, thousandths of a second
        int count = 0;
        while (true)
        {
            if (!fields.TryNext(what, out var field))
                return false;
            if (field.Text.Length == 1 && hemispheres.Contains(char.ToUpperInvariant(field.Text[0])))
            {
                if (count == 0)
                    return fields.Fail($"LOC {what} has a hemisphere but no degrees");
                long magnitude = parts[0] * 3_600_000 + parts[1] * 60_000 + parts[2];
                if (magnitude > maxDegrees * 3_600_000L)
                    return fields.Fail($"LOC {what} is beyond {maxDegrees} degrees");
                bool positive = char.ToUpperInvariant(field.Text[0]) == hemispheres[0];
                value = (uint)(positive ? Equator + magnitude : Equator - magnitude);
                return true;
            }
            if (count == 3)
                return fields.Fail($"LOC {what}: '{field.Text}' where the hemisphere ({hemispheres[0]} or {hemispheres[1]}) belongs");
            bool ok = count switch
            {
                0 => TryParseFixed(field.Text, 0, out parts[0]) && parts[0] <= maxDegrees,
                1 => TryParseFixed(field.Text, 0, out parts[1]) && parts[1] < 60,
                _ => TryParseFixed(field.Text, 3, out parts[2]) && parts[2] < 60_000,
            };
            if (!ok)
                return fields.Fail($"LOC {what}: '{field.Text}' is not a valid {(count == 0 ? "degree" : count == 1 ? "minute" : "second")} value");
            count++;
        }
    }

    public static void AppendAngle(StringBuilder sb, uint value, string hemispheres)
    {
        bool positive = value >= Equator;
        long magnitude = positive ? value - (long)Equator : (long)Equator - value;
        sb.Append(magnitude / 3_600_000).Append(' ').Append(magnitude / 60_000 % 60).Append(' ')
            .Append(magnitude / 1000 % 60).Append('.').Append((magnitude % 1000).ToString("D3", CultureInfo.InvariantCulture))
            .Append(' ').Append(positive ? hemispheres[0] : hemispheres[1]);
    }

    public static bool IsValidAngle(uint value, int maxDegrees) => Math.Abs((long)value - Equator) <= maxDegrees * 3_600_000L;

    /// <summary>Metres with an optional <c>m</c> and at most two decimals, as centimetres.</summary>
    public static bool TryParseMetres(string text, bool signed, out long centimetres)
    {
        centimetres = 0;
        if (text.EndsWith('m') || text.EndsWith('M'))
            text = text[..^1];
        bool negative = signed && text.StartsWith('-');
        if (negative)
            text = text[1..];
        if (!TryParseFixed(text, 2, out centimetres))
            return false;
        if (negative)
            centimetres = -centimetres;
        return true;
    }

    /// <summary>An altitude: metres with two decimals, as BIND and RFC 1876's examples print it.</summary>
    public static void AppendAltitude(StringBuilder sb, long centimetres)
    {
        if (centimetres < 0)
            sb.Append('-');
        long magnitude = Math.Abs(centimetres);
        sb.Append(magnitude / 100).Append('.').Append((magnitude % 100).ToString("D2", CultureInfo.InvariantCulture)).Append('m');
    }

    /// <summary>
    /// A size or precision: whole metres from 1 m up (a mantissa times 10^2 or more is always whole), else
    /// <c>0.nn</c> metres, as BIND prints it.
    /// </summary>
    public static void AppendSize(StringBuilder sb, long centimetres)
    {
        if (centimetres >= 100)
            sb.Append(centimetres / 100);
        else
            sb.Append("0.").Append(centimetres.ToString("D2", CultureInfo.InvariantCulture));
        sb.Append('m');
    }

    /// <summary>RFC 1876 §2: the largest power of ten not above the value, with its leading digit (the rest is dropped).</summary>
    public static byte EncodeSize(long centimetres)
    {
        int exponent = 0;
        while (centimetres >= 10)
        {
            centimetres /= 10;
            exponent++;
        }
        return (byte)((centimetres << 4) | (long)exponent);
    }

    /// <summary>Both digits 0–9, and no zero mantissa with a non-zero exponent (which text cannot say).</summary>
    public static bool IsCanonicalSize(byte size) => size >> 4 <= 9 && (size & 0xF) <= 9 && (size >> 4 != 0 || size == 0);

    public static long DecodeSize(byte size)
    {
        long value = size >> 4;
        for (int i = 0; i < (size & 0xF); i++)
            value *= 10;
        return value;
    }

    /// <summary>Digits with an optional fraction of at most <paramref name="decimals"/> digits, scaled to an integer.</summary>
    private static bool TryParseFixed(string text, int decimals, out long value)
    {
        value = 0;
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length is 0 or > 10 || fraction.Length > decimals || (dot >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
            return false;
        value = long.Parse(whole, CultureInfo.InvariantCulture);
        for (int i = 0; i < decimals; i++)
            value = value * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        return true;
    }
}
