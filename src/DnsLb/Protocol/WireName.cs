namespace DnsLb.Protocol;

/// <summary>
/// Domain names in wire form (RFC 1035 §3.1): a sequence of length-prefixed labels ending in the zero-length
/// root label. Reading follows compression pointers (RFC 1035 §4.1.4) into an uncompressed copy; every
/// pointer must point strictly backwards, so a name can never loop, and the hop count is bounded as well.
/// </summary>
public static class WireName
{
    /// <summary>RFC 1035 §2.3.4: at most 255 octets in wire form, 63 per label.</summary>
    public const int MaxLength = 255;
    public const int MaxLabelLength = 63;
    private const int MaxPointerHops = 127;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> in <paramref name="message"/>, expanding pointers, into
    /// <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes). On success
    /// <paramref name="offset"/> moves past the name as it is stored (up to and including the first pointer).
    /// </summary>
    public static ParseStatus TryRead(ReadOnlySpan<byte> message, ref int offset, Span<byte> destination, out int length)
    {
        length = 0;
        int position = offset;
        int resumeAt = -1;
        int hops = 0;
        while (true)
        {
            if (position >= message.Length)
                return ParseStatus.Truncated;
            byte lengthByte = message[position];
            switch (lengthByte & 0xC0)
            {
                case 0x00:
                    if (length + 1 + lengthByte > MaxLength)
                        return ParseStatus.NameTooLong;
                    if (position + 1 + lengthByte > message.Length)
                        return ParseStatus.Truncated;
                    message.Slice(position, 1 + lengthByte).CopyTo(destination[length..]);
                    length += 1 + lengthByte;
                    position += 1 + lengthByte;
                    if (lengthByte == 0)
                    {
                        offset = resumeAt >= 0 ? resumeAt : position;
                        return ParseStatus.Ok;
                    }
                    break;
                case 0xC0:
                    if (position + 2 > message.Length)
                        return ParseStatus.Truncated;
                    int target = ((lengthByte & 0x3F) << 8) | message[position + 1];
                    // Only backwards: a pointer to itself or ahead could loop or read what is not yet a name.
                    if (target >= position)
                        return ParseStatus.BadPointer;
                    if (++hops > MaxPointerHops)
                        return ParseStatus.TooManyPointers;
                    if (resumeAt < 0)
                        resumeAt = position + 2;
                    position = target;
                    break;
                default:
                    // 0x40 and 0x80 are the extended label types of RFC 6891 §5 / RFC 2673, never in use.
                    return ParseStatus.BadLabelType;
            }
        }
    }

    /// <summary>Length in bytes of the uncompressed name starting at <paramref name="name"/>[0].</summary>
    public static int Length(ReadOnlySpan<byte> name)
    {
        int position = 0;
        while (name[position] != 0)
            position += name[position] + 1;
        return position + 1;
    }

    public static int LabelCount(ReadOnlySpan<byte> name)
    {
        int count = 0;
        for (int position = 0; name[position] != 0; position += name[position] + 1)
            count++;
        return count;
    }

    /// <summary>ASCII-lowercases the labels in place (RFC 4343). Length bytes are at most 63, below 'A'.</summary>
    public static void ToLower(Span<byte> name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            if ((uint)(b - 'A') <= 'Z' - 'A')
                name[i] = (byte)(b | 0x20);
        }
    }

    /// <summary>
    /// Copies <paramref name="name"/> into <paramref name="destination"/> lowercased and returns the copy: the
    /// key form under which zones store and look up names.
    /// </summary>
    public static Span<byte> CopyLower(scoped ReadOnlySpan<byte> name, Span<byte> destination)
    {
        var lower = destination[..name.Length];
        name.CopyTo(lower);
        ToLower(lower);
        return lower;
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && ToLower(a[i]) != ToLower(b[i]))
                return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="name"/> equals <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsAtOrBelow(ReadOnlySpan<byte> name, ReadOnlySpan<byte> ancestor)
    {
        if (name.Length < ancestor.Length)
            return false;
        int start = name.Length - ancestor.Length;
        if (!EqualsIgnoreCase(name[start..], ancestor))
            return false;
        // The suffix must start on a label boundary.
        for (int position = 0; position <= start; position += name[position] + 1)
        {
            if (position == start)
                return true;
        }
        return false;
    }

    public static uint HashIgnoreCase(ReadOnlySpan<byte> name)
    {
        // FNV-1a over lowercased bytes: stable, allocation-free, good enough for a few thousand names.
        uint hash = 2166136261;
        foreach (byte b in name)
            hash = (hash ^ ToLower(b)) * 16777619;
        return hash;
    }

    private static byte ToLower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
}
