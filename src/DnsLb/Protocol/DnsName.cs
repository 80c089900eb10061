using System.Text;

namespace DnsLb.Protocol;

/// <summary>
/// An absolute domain name held in uncompressed wire form, with its original case (RFC 4343: case is kept,
/// compared without it). Immutable; used by zones and by tests. The query path works on spans instead.
/// </summary>
public sealed class DnsName : IEquatable<DnsName>
{
    public static readonly DnsName Root = new([0]);

    private readonly byte[] _wire;
    private byte[]? _lower;

    private DnsName(byte[] wire) => _wire = wire;

    public ReadOnlySpan<byte> Wire => _wire;

    public int LabelCount => WireName.LabelCount(_wire);

    public bool IsRoot => _wire.Length == 1;

    /// <summary>Wraps a validated uncompressed wire name (copied).</summary>
    public static DnsName FromWire(ReadOnlySpan<byte> wire) => new(wire.ToArray());

    /// <summary>
    /// The lowercased wire form (RFC 4343), worked out once and kept: the key under which zones store and look
    /// up names, read by the query path without lowercasing anything per query.
    /// </summary>
    public ReadOnlySpan<byte> LowerWire => _lower ??= Lowered(_wire);

    /// <summary>A copy of <see cref="LowerWire"/>, for a key that outlives this name (a dictionary's).</summary>
    public byte[] ToLowerWire() => LowerWire.ToArray();

    private static byte[] Lowered(byte[] wire)
    {
        foreach (byte b in wire)
        {
            if ((uint)(b - 'A') <= 'Z' - 'A')
            {
                var lower = new byte[wire.Length];
                WireName.CopyLower(wire, lower);
                return lower;
            }
        }
        return wire; // already lowercase: share the bytes (both are immutable)
    }

    public DnsName Parent() => IsRoot ? this : new DnsName(_wire[(_wire[0] + 1)..]);

    public bool IsAtOrBelow(DnsName ancestor) => WireName.IsAtOrBelow(_wire, ancestor._wire);

    /// <summary>Prepends one label (raw bytes) to this name.</summary>
    public bool TryPrepend(ReadOnlySpan<byte> label, out DnsName? name)
    {
        name = null;
        if (label.Length == 0 || label.Length > WireName.MaxLabelLength || _wire.Length + label.Length + 1 > WireName.MaxLength)
            return false;
        var wire = new byte[_wire.Length + label.Length + 1];
        wire[0] = (byte)label.Length;
        label.CopyTo(wire.AsSpan(1));
        _wire.CopyTo(wire.AsSpan(label.Length + 1));
        name = new DnsName(wire);
        return true;
    }

    /// <summary>
    /// Parses presentation form (RFC 1035 §5.1): labels separated by dots, <c>\X</c> and <c>\DDD</c> escapes.
    /// A name without a final dot is relative to <paramref name="origin"/>; "@" is the origin itself.
    /// </summary>
    public static bool TryParse(string text, DnsName? origin, out DnsName? name, out string? error)
    {
        name = null;
        if (text == "@" && origin is not null)
        {
            error = null;
            name = origin;
            return true;
        }
        Span<byte> wire = stackalloc byte[WireName.MaxLength];
        if (!TryParse(text, origin, wire, out int length, out error))
            return false;
        name = length == 1 ? Root : new DnsName(wire[..length].ToArray());
        return true;
    }

    /// <summary>
    /// Parses presentation form into <paramref name="destination"/> (at least <see cref="WireName.MaxLength"/>
    /// bytes) without allocating, so a zone file's names need no string each: the zone parser's path.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, DnsName? origin, Span<byte> destination, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (text is "@")
        {
            if (origin is null)
            {
                error = "'@' used but no origin is known";
                return false;
            }
            origin._wire.CopyTo(destination);
            length = origin._wire.Length;
            return true;
        }
        if (text is ".")
        {
            destination[0] = 0;
            length = 1;
            return true;
        }
        if (text.Length == 0)
        {
            error = "empty name";
            return false;
        }

        var buffer = destination[..WireName.MaxLength];
        int labelStart = 0;
        int labelLength = 0;
        bool absolute = false;
        int i = 0;
        buffer[0] = 0;
        int written = 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    error = $"empty label in name '{text}'";
                    return false;
                }
                buffer[labelStart] = (byte)labelLength;
                i++;
                if (i == text.Length)
                {
                    absolute = true;
                    break;
                }
                labelStart = written;
                labelLength = 0;
                if (written >= WireName.MaxLength)
                {
                    error = $"name '{text}' is longer than 255 octets";
                    return false;
                }
                buffer[written++] = 0;
                continue;
            }
            int value;
            if (c == '\\')
            {
                if (!TryReadEscape(text, ref i, out value))
                {
                    error = $"bad escape in name '{text}'";
                    return false;
                }
            }
            else
            {
                if (c > 0x7E || c < 0x21)
                {
                    error = $"character '{c}' in name '{text}' must be escaped";
                    return false;
                }
                value = c;
                i++;
            }
            if (++labelLength > WireName.MaxLabelLength)
            {
                error = $"label longer than 63 octets in name '{text}'";
                return false;
            }
            if (written >= WireName.MaxLength)
            {
                error = $"name '{text}' is longer than 255 octets";
                return false;
            }
            buffer[written++] = (byte)value;
        }
        if (!absolute)
            buffer[labelStart] = (byte)labelLength;

        if (!absolute && origin is null)
        {
            error = $"relative name '{text}' but no origin is known";
            return false;
        }
        ReadOnlySpan<byte> suffix = absolute ? [0] : origin!._wire;
        if (written + suffix.Length > WireName.MaxLength)
        {
            error = $"name '{text}' is longer than 255 octets";
            return false;
        }
        suffix.CopyTo(buffer[written..]);
        length = written + suffix.Length;
        return true;
    }

    public static DnsName Parse(string text, DnsName? origin = null) =>
        TryParse(text, origin, out var name, out var error) ? name! : throw new FormatException(error);

    /// <summary>Wraps a validated uncompressed wire name without copying it: the caller never changes the array.</summary>
    internal static DnsName WrapWire(byte[] wire) => new(wire);

    /// <summary>Reads <c>\X</c> or <c>\DDD</c> at <paramref name="i"/> (which points at the backslash).</summary>
    internal static bool TryReadEscape(ReadOnlySpan<char> text, ref int i, out int value)
    {
        value = 0;
        if (i + 1 >= text.Length)
            return false;
        char next = text[i + 1];
        if (char.IsAsciiDigit(next))
        {
            if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                return false;
            value = (next - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
            i += 4;
            return value <= 255;
        }
        if (next > 0x7F)
            return false;
        value = next;
        i += 2;
        return true;
    }

    public override string ToString()
    {
        if (IsRoot)
            return ".";
        var sb = new StringBuilder(_wire.Length + 4);
        for (int position = 0; _wire[position] != 0; position += _wire[position] + 1)
        {
            foreach (byte b in _wire.AsSpan(position + 1, _wire[position]))
                AppendEscaped(sb, b);
            sb.Append('.');
        }
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, byte b)
    {
        switch (b)
        {
            case (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$':
                sb.Append('\\').Append((char)b);
                break;
            case < 0x21 or > 0x7E:
                sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append((char)b);
                break;
        }
    }

    public bool Equals(DnsName? other) => other is not null && WireName.EqualsIgnoreCase(_wire, other._wire);

    public override bool Equals(object? obj) => obj is DnsName other && Equals(other);

    public override int GetHashCode() => (int)WireName.HashIgnoreCase(_wire);
}
