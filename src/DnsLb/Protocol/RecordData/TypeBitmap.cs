using System.Text;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// The type bit maps of NSEC, NSEC3 and CSYNC (RFC 4034 §4.1.2): for each 256-type window that has a type,
/// the window number, the bitmap's length (1–32) and the bitmap, windows in increasing order. Kept as wire
/// bytes; in presentation form a list of type mnemonics (RFC 4034 §4.2).
/// </summary>
public static class TypeBitmap
{
    /// <summary>
    /// Windows in strictly increasing order, each 1–32 bytes long and ending in a non-zero byte (§4.1.2:
    /// no empty windows, no trailing zero octets), filling the span exactly. Anything else has no text form
    /// that reads back to the same bytes, so it is malformed.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> bitmap)
    {
        int lastWindow = -1;
        while (bitmap.Length > 0)
        {
            if (bitmap.Length < 2 || bitmap[0] <= lastWindow || bitmap[1] is 0 or > 32 || bitmap.Length < 2 + bitmap[1]
                || bitmap[1 + bitmap[1]] == 0)
                return false;
            lastWindow = bitmap[0];
            bitmap = bitmap[(2 + bitmap[1])..];
        }
        return true;
    }

    public static byte[] FromTypes(IEnumerable<RecordType> types)
    {
        var windows = new byte[256][];
        foreach (var type in types)
        {
            int window = (ushort)type >> 8;
            int low = (ushort)type & 0xFF;
            windows[window] ??= new byte[32];
            windows[window][low >> 3] |= (byte)(0x80 >> (low & 7));
        }
        var output = new List<byte>();
        for (int window = 0; window < 256; window++)
        {
            if (windows[window] is not { } bits)
                continue;
            int length = 32;
            while (bits[length - 1] == 0)
                length--;
            output.Add((byte)window);
            output.Add((byte)length);
            output.AddRange(bits.AsSpan(0, length));
        }
        return [.. output];
    }

    /// <summary>The types a valid bitmap holds, in increasing order.</summary>
    public static List<RecordType> Types(ReadOnlySpan<byte> bitmap)
    {
        var types = new List<RecordType>();
        while (bitmap.Length > 0)
        {
            int window = bitmap[0];
            var bits = bitmap.Slice(2, bitmap[1]);
            for (int i = 0; i < bits.Length * 8; i++)
            {
                if ((bits[i >> 3] & (0x80 >> (i & 7))) != 0)
                    types.Add((RecordType)((window << 8) | i));
            }
            bitmap = bitmap[(2 + bitmap[1])..];
        }
        return types;
    }

    /// <summary>Appends " A NS …" for each type held (a blank before each).</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<byte> bitmap)
    {
        foreach (var type in Types(bitmap))
            sb.Append(' ').Append(RecordTypeNames.PresentationName(type));
    }

    /// <summary>The remaining fields as type mnemonics (or TYPEnnn), in any order, repeats allowed.</summary>
    internal static bool TryParse(Presentation.FieldReader fields, out byte[] bitmap)
    {
        bitmap = [];
        var types = new List<RecordType>();
        while (fields.HasMore)
        {
            if (!fields.TryType("type list", out var type))
                return false;
            types.Add(type);
        }
        bitmap = FromTypes(types);
        return true;
    }
}
