using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsLb.Protocol.Presentation;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// The SvcParams of SVCB and HTTPS (RFC 9460 §7, §14.3.2): key names, and each key's value in wire and
/// presentation form. Values are character-strings (Appendix A) first; alpn is then a comma-separated list
/// in which <c>\,</c> and <c>\\</c> are escapes of their own (Appendix A.1), so a quoted zone file writes
/// them doubled. A known key's value is checked in both directions; an unknown key's is opaque.
/// </summary>
internal static class SvcParams
{
    public const ushort Mandatory = 0, Alpn = 1, NoDefaultAlpn = 2, Port = 3, Ipv4Hint = 4, Ech = 5, Ipv6Hint = 6;

    private static readonly string[] Names = ["mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"];

    public static string KeyName(ushort key) => key < Names.Length ? Names[key] : "key" + key.ToString(CultureInfo.InvariantCulture);

    /// <summary>A registered name or <c>keyNNNNN</c> (§2.1), any number (key65535, reserved, as Knot reads it too).</summary>
    public static bool TryParseKey(string text, out ushort key)
    {
        int index = Array.FindIndex(Names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            key = (ushort)index;
            return true;
        }
        key = 0;
        return text.Length is > 3 and <= 8 && text.StartsWith("key", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    /// <summary>Is <paramref name="value"/> a well-formed wire value for <paramref name="key"/>?</summary>
    public static bool IsValidValue(ushort key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case Mandatory:
                if (value.Length == 0 || value.Length % 2 != 0)
                    return false;
                int last = -1;
                for (int i = 0; i < value.Length; i += 2)
                {
                    int listed = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
                    if (listed <= last || listed == Mandatory)
                        return false;
                    last = listed;
                }
                return true;
            case Alpn:
                if (value.Length == 0)
                    return false;
                while (value.Length > 0)
                {
                    if (value[0] == 0 || value.Length < 1 + value[0])
                        return false;
                    value = value[(1 + value[0])..];
                }
                return true;
            case NoDefaultAlpn:
                return value.Length == 0;
            case Port:
                return value.Length == 2;
            case Ipv4Hint:
                return value.Length > 0 && value.Length % 4 == 0;
            case Ech:
                return value.Length > 0;
            case Ipv6Hint:
                return value.Length > 0 && value.Length % 16 == 0;
            default:
                return true;
        }
    }

    /// <summary>
    /// Turns a parameter's presentation value (raw field text, null when the key stood alone) into its
    /// wire value; on failure <paramref name="error"/> says why.
    /// </summary>
    public static bool TryParseValue(ushort key, string? text, bool generic, out byte[] value, out string? error)
    {
        value = [];
        error = null;
        if (text is not null && !CharacterString.TryDecode(text, out value))
            return Fail($"bad escape in the value of {KeyName(key)}", out error);
        if (text is null && key <= Ipv6Hint && key != NoDefaultAlpn && !generic)
            return Fail($"{KeyName(key)} needs a value ({KeyName(key)}=...)", out error);
        if (!generic)
        {
            bool ok = key switch
            {
                Mandatory => TryParseKeyList(value, out value, out error),
                Alpn => TryParseAlpn(value, out value, out error),
                NoDefaultAlpn => value.Length == 0 || Fail("no-default-alpn takes no value", out error),
                Port => TryParsePort(value, out value, out error),
                Ipv4Hint => TryParseAddresses(value, AddressFamily.InterNetwork, out value, out error),
                Ech => Base64.TryDecode(Encoding.ASCII.GetString(value), out value) && value.Length > 0 || Fail("ech is not base64", out error),
                Ipv6Hint => TryParseAddresses(value, AddressFamily.InterNetworkV6, out value, out error),
                _ => true,
            };
            if (!ok)
                return false;
        }
        if (value.Length > ushort.MaxValue)
            return Fail($"the value of {KeyName(key)} is longer than 65535 bytes", out error);
        return IsValidValue(key, value) || Fail($"{KeyName(key)}'s value is not valid for that key (RFC 9460 §7)", out error);
    }

    private static bool TryParseKeyList(byte[] text, out byte[] value, out string? error)
    {
        value = [];
        error = null;
        var keys = new SortedSet<ushort>();
        foreach (var item in Encoding.ASCII.GetString(text).Split(','))
        {
            if (!TryParseKey(item, out ushort key))
                return Fail($"mandatory lists '{item}', which is not a key", out error);
            if (key == Mandatory)
                return Fail("mandatory must not list itself", out error);
            if (!keys.Add(key))
                return Fail($"mandatory lists {item} twice", out error);
        }
        value = new byte[keys.Count * 2];
        int offset = 0;
        foreach (ushort key in keys)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(offset), key);
            offset += 2;
        }
        return true;
    }

    /// <summary>Appendix A.1: split at commas that are not escaped, then drop the list-level escapes.</summary>
    private static bool TryParseAlpn(byte[] text, out byte[] value, out string? error)
    {
        value = [];
        error = null;
        var output = new List<byte>();
        var item = new List<byte>();
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ',')
            {
                if (item.Count is 0 or > 255)
                    return Fail("alpn holds an empty or over-long protocol id", out error);
                output.Add((byte)item.Count);
                output.AddRange(item);
                item.Clear();
                continue;
            }
            if (text[i] == '\\')
            {
                if (++i == text.Length)
                    return Fail("alpn ends in an escape", out error);
            }
            item.Add(text[i]);
        }
        value = [.. output];
        return true;
    }

    private static bool TryParsePort(byte[] text, out byte[] value, out string? error)
    {
        value = new byte[2];
        error = null;
        if (!ushort.TryParse(Encoding.ASCII.GetString(text), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
            return Fail($"port '{Encoding.ASCII.GetString(text)}' is not a number from 0 to 65535", out error);
        BinaryPrimitives.WriteUInt16BigEndian(value, port);
        return true;
    }

    private static bool TryParseAddresses(byte[] text, AddressFamily family, out byte[] value, out string? error)
    {
        value = [];
        error = null;
        var output = new List<byte>();
        foreach (var item in Encoding.ASCII.GetString(text).Split(','))
        {
            if (!AddressData.TryParseAddress(item, family, out var address))
                return Fail($"'{item}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address", out error);
            output.AddRange(address.GetAddressBytes());
        }
        value = [.. output];
        return true;
    }

    /// <summary>Appends <c>key=value</c> (or the key alone when it has no value) in presentation form.</summary>
    public static void Append(StringBuilder sb, ushort key, ReadOnlySpan<byte> value)
    {
        if (!IsValidValue(key, value))
        {
            AppendOpaque(sb, key, value);
            return;
        }
        sb.Append(KeyName(key));
        switch (key)
        {
            case Mandatory:
                for (int i = 0; i < value.Length; i += 2)
                    sb.Append(i == 0 ? '=' : ',').Append(KeyName(BinaryPrimitives.ReadUInt16BigEndian(value[i..])));
                break;
            case Alpn:
                sb.Append("=\"");
                for (bool first = true; value.Length > 0; first = false)
                {
                    if (!first)
                        sb.Append(',');
                    // List-level escapes first (\, and \\), then the character-string's own (so each doubles).
                    var listEscaped = new List<byte>();
                    foreach (byte b in value.Slice(1, value[0]))
                    {
                        if (b is (byte)',' or (byte)'\\')
                            listEscaped.Add((byte)'\\');
                        listEscaped.Add(b);
                    }
                    CharacterString.AppendEscaped(sb, [.. listEscaped]);
                    value = value[(1 + value[0])..];
                }
                sb.Append('"');
                break;
            case NoDefaultAlpn:
                break;
            case Port:
                sb.Append('=').Append(BinaryPrimitives.ReadUInt16BigEndian(value));
                break;
            case Ipv4Hint or Ipv6Hint:
                int size = key == Ipv4Hint ? 4 : 16;
                for (int i = 0; i < value.Length; i += size)
                    sb.Append(i == 0 ? '=' : ',').Append(new IPAddress(value.Slice(i, size)));
                break;
            case Ech:
                sb.Append('=').Append(Base64.Encode(value));
                break;
            default:
                if (value.Length > 0)
                {
                    sb.Append('=');
                    CharacterString.AppendQuoted(sb, value);
                }
                break;
        }
    }

    private static void AppendOpaque(StringBuilder sb, ushort key, ReadOnlySpan<byte> value)
    {
        sb.Append("key").Append(key).Append('=');
        CharacterString.AppendQuoted(sb, value);
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
