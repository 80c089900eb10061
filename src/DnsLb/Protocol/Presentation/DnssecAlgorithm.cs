using System.Collections.Frozen;
using System.Globalization;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// DNSSEC algorithm numbers and their mnemonics (RFC 4034 Appendix A.1 and the IANA registry), which zone
/// files may use in DNSKEY, RRSIG, DS and CERT. DNSSEC records print the number, as BIND and Knot do;
/// CERT prints the mnemonic, as BIND does.
/// </summary>
public static class DnssecAlgorithm
{
    private static readonly FrozenDictionary<string, byte> ByName = new Dictionary<string, byte>
    {
        ["RSAMD5"] = 1, ["DH"] = 2, ["DSA"] = 3, ["RSASHA1"] = 5, ["DSA-NSEC3-SHA1"] = 6, ["RSASHA1-NSEC3-SHA1"] = 7,
        ["RSASHA256"] = 8, ["RSASHA512"] = 10, ["ECC-GOST"] = 12, ["ECDSAP256SHA256"] = 13, ["ECDSAP384SHA384"] = 14,
        ["ED25519"] = 15, ["ED448"] = 16, ["INDIRECT"] = 252, ["PRIVATEDNS"] = 253, ["PRIVATEOID"] = 254,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The mnemonic, or the number when the algorithm has none.</summary>
    public static string Name(byte value)
    {
        foreach (var (name, number) in ByName)
        {
            if (number == value)
                return name;
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string text, out byte value) =>
        byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || ByName.TryGetValue(text, out value);
}
