using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Turns the RDATA tokens of a master-file entry into typed <see cref="RData"/>: the presentation forms of
/// RFC 1035 §3.3/§5, RFC 3596 (AAAA), RFC 2782 (SRV), RFC 8659 (CAA), and RFC 3597's generic
/// <c>\# length hex</c> form for any type, the known ones included.
/// </summary>
internal static class RDataTextParser
{
    public static bool TryParse(RecordType type, IReadOnlyList<ZoneToken> tokens, DnsName origin, out RData? data, out string? error)
    {
        data = null;
        error = null;
        if (tokens.Count > 0 && tokens[0].Text == "\\#" && !tokens[0].Quoted)
            return TryParseGeneric(type, tokens, out data, out error);
        string typeName = ResourceRecord.TypeName(type);
        switch (type)
        {
            case RecordType.A:
                return Expect(tokens, 1, typeName, out error) && TryAddress(tokens[0].Text, AddressFamily.InterNetwork, out data, out error);
            case RecordType.AAAA:
                return Expect(tokens, 1, typeName, out error) && TryAddress(tokens[0].Text, AddressFamily.InterNetworkV6, out data, out error);
            case RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME:
                if (!Expect(tokens, 1, typeName, out error) || !TryName(tokens[0], origin, out var target, out error))
                    return false;
                data = new NameData(type, target!);
                return true;
            case RecordType.SOA:
                return TryParseSoa(tokens, origin, out data, out error);
            case RecordType.MX:
                if (!Expect(tokens, 2, typeName, out error))
                    return false;
                if (!TextValues.TryParseUInt16(tokens[0].Text, out ushort preference))
                    return Fail($"MX preference '{tokens[0].Text}' is not a number from 0 to 65535", out error);
                if (!TryName(tokens[1], origin, out var exchange, out error))
                    return false;
                data = new MxData(preference, exchange!);
                return true;
            case RecordType.SRV:
                return TryParseSrv(tokens, origin, out data, out error);
            case RecordType.TXT:
                return TryParseTxt(tokens, out data, out error);
            case RecordType.CAA:
                return TryParseCaa(tokens, out data, out error);
            default:
                return Fail($"type {typeName} is only accepted in the RFC 3597 form '\\# <length> <hex>'", out error);
        }
    }

    private static bool TryParseSoa(IReadOnlyList<ZoneToken> tokens, DnsName origin, out RData? data, out string? error)
    {
        data = null;
        if (!Expect(tokens, 7, "SOA", out error))
            return false;
        if (!TryName(tokens[0], origin, out var primary, out error) || !TryName(tokens[1], origin, out var mailbox, out error))
            return false;
        if (!TextValues.TryParseUInt32(tokens[2].Text, out uint serial))
            return Fail($"SOA serial '{tokens[2].Text}' is not a number from 0 to 4294967295", out error);
        Span<uint> timers = stackalloc uint[4];
        string[] names = ["refresh", "retry", "expire", "minimum"];
        for (int k = 0; k < 4; k++)
        {
            if (!TextValues.TryParseTtl(tokens[3 + k].Text, out timers[k]))
                return Fail($"SOA {names[k]} '{tokens[3 + k].Text}' is not a time value", out error);
        }
        data = new SoaData(primary!, mailbox!, serial, timers[0], timers[1], timers[2], timers[3]);
        return true;
    }

    private static bool TryParseSrv(IReadOnlyList<ZoneToken> tokens, DnsName origin, out RData? data, out string? error)
    {
        data = null;
        if (!Expect(tokens, 4, "SRV", out error))
            return false;
        Span<ushort> values = stackalloc ushort[3];
        string[] names = ["priority", "weight", "port"];
        for (int k = 0; k < 3; k++)
        {
            if (!TextValues.TryParseUInt16(tokens[k].Text, out values[k]))
                return Fail($"SRV {names[k]} '{tokens[k].Text}' is not a number from 0 to 65535", out error);
        }
        if (!TryName(tokens[3], origin, out var target, out error))
            return false;
        data = new SrvData(values[0], values[1], values[2], target!);
        return true;
    }

    private static bool TryParseTxt(IReadOnlyList<ZoneToken> tokens, out RData? data, out string? error)
    {
        data = null;
        error = null;
        if (tokens.Count == 0)
            return Fail("TXT needs at least one character-string", out error);
        var strings = new List<byte[]>(tokens.Count);
        foreach (var token in tokens)
        {
            if (!TextValues.TryDecodeString(token.Text, out var bytes))
                return Fail($"bad escape in TXT string \"{token.Text}\"", out error);
            if (bytes.Length > 255)
                return Fail($"TXT string of {bytes.Length} bytes; a character-string holds at most 255", out error);
            strings.Add(bytes);
        }
        data = new TxtData(strings);
        return true;
    }

    private static bool TryParseCaa(IReadOnlyList<ZoneToken> tokens, out RData? data, out string? error)
    {
        data = null;
        if (!Expect(tokens, 3, "CAA", out error))
            return false;
        if (!TextValues.TryParseByte(tokens[0].Text, out byte flags))
            return Fail($"CAA flags '{tokens[0].Text}' is not a number from 0 to 255", out error);
        var tag = System.Text.Encoding.ASCII.GetBytes(tokens[1].Text);
        if (!CaaData.IsValidTag(tag))
            return Fail($"CAA tag '{tokens[1].Text}' must be 1-15 ASCII letters or digits", out error);
        if (!TextValues.TryDecodeString(tokens[2].Text, out var value))
            return Fail($"bad escape in CAA value \"{tokens[2].Text}\"", out error);
        data = new CaaData(flags, tag, value);
        return true;
    }

    /// <summary>RFC 3597 §5: <c>\# length hex-words…</c>; a known type's data is decoded to check it.</summary>
    private static bool TryParseGeneric(RecordType type, IReadOnlyList<ZoneToken> tokens, out RData? data, out string? error)
    {
        data = null;
        if (tokens.Count < 2 || !TextValues.TryParseUInt16(tokens[1].Text, out ushort length))
            return Fail("'\\#' must be followed by the data length in bytes", out error);
        string hex = string.Concat(tokens.Skip(2).Select(t => t.Text));
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return Fail($"'{hex}' is not an even number of hexadecimal digits", out error);
        }
        if (bytes.Length != length)
            return Fail($"'\\#' says {length} bytes but {bytes.Length} follow", out error);
        if (type == RecordType.OPT)
            return Fail("OPT is a pseudo-record and cannot appear in a zone", out error);
        var status = RDataReader.TryRead(bytes, new RecordHeader(0, type, (ushort)RecordClass.IN, 0, 0, bytes.Length), out data);
        if (status != ParseStatus.Ok)
            return Fail($"'\\#' data is not valid {ResourceRecord.TypeName(type)} data ({status})", out error);
        error = null;
        return true;
    }

    private static bool TryAddress(string text, AddressFamily family, out RData? data, out string? error)
    {
        data = null;
        error = null;
        bool shapeOk = family == AddressFamily.InterNetwork
            ? text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
            : text.Contains(':') && !text.Contains('%');
        if (!shapeOk || !IPAddress.TryParse(text, out var address) || address.AddressFamily != family)
            return Fail($"'{text}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address", out error);
        data = new AddressData(address);
        return true;
    }

    private static bool TryName(ZoneToken token, DnsName origin, out DnsName? name, out string? error)
    {
        if (token.Quoted)
        {
            name = null;
            return Fail($"a domain name cannot be quoted (\"{token.Text}\")", out error);
        }
        return DnsName.TryParse(token.Text, origin, out name, out error);
    }

    private static bool Expect(IReadOnlyList<ZoneToken> tokens, int count, string typeName, out string? error)
    {
        error = null;
        if (tokens.Count == count)
            return true;
        error = tokens.Count < count
            ? $"{typeName} needs {count} field{(count == 1 ? "" : "s")}, found {tokens.Count}"
            : $"{typeName} has {tokens.Count - count} unexpected field(s) after its data: '{tokens[count].Text}'";
        return false;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
