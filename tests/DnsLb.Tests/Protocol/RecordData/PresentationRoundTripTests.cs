using DnsLb.Protocol;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>
/// Every type read from zone-file text, turned into wire bytes, read back from those bytes and printed:
/// the text comes out in its canonical form, and reading that text again gives the same bytes.
/// </summary>
public sealed class PresentationRoundTripTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "A", "192.0.2.1", "192.0.2.1" },
        { "AAAA", "2001:DB8:0::1", "2001:db8::1" },
        { "NS", "ns1", "ns1.example.com." },
        { "CNAME", "@", "example.com." },
        { "PTR", "Host.Example.NET.", "Host.Example.NET." },
        { "DNAME", "elsewhere.example.", "elsewhere.example." },
        { "SOA", "ns1 hostmaster ( 1 1h 10m 1w 5m )", "ns1.example.com. hostmaster.example.com. 1 3600 600 604800 300" },
        { "MX", "10 mail", "10 mail.example.com." },
        { "TXT", "\"\" a \"b c\" \"\\\"\\\\\" \"\\255\"", "\"\" \"a\" \"b c\" \"\\\"\\\\\" \"\\255\"" },
        { "SPF", "\"v=spf1 -all\"", "\"v=spf1 -all\"" },
        { "HINFO", "PDP-11 \"UNIX V7\"", "\"PDP-11\" \"UNIX V7\"" },
        { "HINFO", "\"\" \"\"", "\"\" \"\"" },
        { "RP", "mbox txt.example.net.", "mbox.example.com. txt.example.net." },
        { "RP", ". .", ". ." },
        { "AFSDB", "1 afs", "1 afs.example.com." },
        { "KX", "10 kx.example.net.", "10 kx.example.net." },
        { "SRV", "0 5 5060 sip", "0 5 5060 sip.example.com." },
        { "NAPTR", "100 10 S SIP+D2U \"\" _sip._udp", "100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com." },
        { "NAPTR", "100 50 \"u\" \"E2U+sip\" \"!^\\\\+1(.*)$!sip:\\\\1@example.com!\" .", "100 50 \"u\" \"E2U+sip\" \"!^\\\\+1(.*)$!sip:\\\\1@example.com!\" ." },
        { "CAA", "0 issue \"ca.example\"", "0 issue \"ca.example\"" },
        { "CAA", "128 tbs Unknown", "128 tbs \"Unknown\"" },
        { "CAA", "0 issue \";\"", "0 issue \";\"" },
        { "URI", "10 1 \"https://example.com/\"", "10 1 \"https://example.com/\"" },
        { "URI", "10 1 ftp://example.com/", "10 1 \"ftp://example.com/\"" },
        { "DS", "60485 5 1 ( 2BB183AF5F22588179A5\n 3B0A98631FAD1A292118 )", "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118" },
        { "DS", "2371 ECDSAP256SHA256 2 1f987cc6583e92df0890718c42", "2371 13 2 1F987CC6583E92DF0890718C42" },
        { "CDS", "0 0 0 00", "0 0 0 00" },
        { "SSHFP", "1 1 dd465c09cfa51fb45020cc83316fff21b9ec74ac", "1 1 DD465C09CFA51FB45020CC83316FFF21B9EC74AC" },
        { "TLSA", "3 1 1 ( 0D6FCE33 46FEFAB8 )", "3 1 1 0D6FCE3346FEFAB8" },
        { "SMIMEA", "0 0 0 308201", "0 0 0 308201" },
        { "DNSKEY", "257 3 13 ( mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpV XckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== )",
            "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==" },
        { "DNSKEY", "256 3 RSASHA256 AwEA AQ==", "256 3 8 AwEAAQ==" },
        { "CDNSKEY", "0 3 0 AA==", "0 3 0 AA==" },
        { "RRSIG", "A 13 3 3600 20261231235959 20261201000000 2371 example.com. c2lnbmF0dXJl",
            "A 13 3 3600 20261231235959 20261201000000 2371 example.com. c2lnbmF0dXJl" },
        { "RRSIG", "TYPE65280 8 2 1h 1798761599 1796083200 1 . AAEC AwQF", "TYPE65280 8 2 3600 20261231235959 20261201000000 1 . AAECAwQF" },
        { "NSEC", "next A NS SOA RRSIG NSEC DNSKEY", "next.example.com. A NS SOA RRSIG NSEC DNSKEY" },
        { "NSEC", "next.example.com. TYPE1 a TYPE65535 CAA URI TYPE0", "next.example.com. TYPE0 A URI CAA TYPE65535" },
        { "NSEC", "next", "next.example.com." },
        { "NSEC3", "1 1 12 aabbccdd ( 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR MX DNSKEY NS SOA NSEC3PARAM RRSIG )",
            "1 1 12 AABBCCDD 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM" },
        { "NSEC3", "1 0 0 - 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "1 0 0 - 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom" },
        { "NSEC3PARAM", "1 0 10 AABBCCDD", "1 0 10 AABBCCDD" },
        { "NSEC3PARAM", "1 0 0 -", "1 0 0 -" },
        { "DHCID", "( AAIBY2/AuCccgoJbsaxcQc9TUapptP69l OjxfNuVAA2kjEA= )", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=" },
        { "OPENPGPKEY", "AQIDBAUGBwgJCgsMDQ4P", "AQIDBAUGBwgJCgsMDQ4P" },
        { "CERT", "PGP 0 0 AQID", "PGP 0 0 AQID" },
        { "CERT", "1 12345 RSASHA256 AQID", "PKIX 12345 RSASHA256 AQID" },
        { "CERT", "65000 1 200 AQID", "65000 1 200 AQID" },
        { "CSYNC", "66 3 A NS AAAA", "66 3 A NS AAAA" },
        { "CSYNC", "0 0", "0 0" },
        { "ZONEMD", "2026112101 1 1 ( FEBE3D4C E2EC2FFA )", "2026112101 1 1 FEBE3D4CE2EC2FFA" },
        { "LOC", "42 21 54 N 71 06 18 W -24m 30m", "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m" },
        { "SVCB", "1 . alpn=h2,h3 port=443", "1 . alpn=\"h2,h3\" port=443" },
        { "HTTPS", "0 www", "0 www.example.com." },
        { "TYPE65280", "\\# 4 0A000001", "\\# 4 0A000001" },
        { "TYPE65281", "\\# 0", "\\# 0" },
        { "A", "\\# 4 7F000001", "127.0.0.1" },
        { "TYPE1", "127.0.0.2", "127.0.0.2" },
        { "MX", "\\# 7 000A 03777777 00", "10 www." },
        { "HINFO", "\\# 4 ( 01 61\n01 62 )", "\"a\" \"b\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseWriteReadFormat_EveryType_GivesTheCanonicalTextAndTheSameBytes(string type, string text, string expected)
    {
        var parsed = RDataText.Parse(type, text);
        Assert.Equal(expected, parsed.ToString());

        var read = RDataText.Read(parsed.Type, parsed.ToWire());
        Assert.Equal(parsed.ToWire(), read.ToWire());
        Assert.Equal(expected, read.ToString());

        var again = RDataText.Parse(type, expected);
        Assert.Equal(parsed.ToWire(), again.ToWire());
    }

    [Theory]
    [InlineData("DS", "00010D02")]
    [InlineData("DNSKEY", "01010308")]
    [InlineData("RRSIG", "0001080200000E100000000100000000000100")]
    [InlineData("SSHFP", "0101")]
    [InlineData("TLSA", "030101")]
    [InlineData("DHCID", "")]
    [InlineData("OPENPGPKEY", "")]
    [InlineData("CERT", "0001000000")]
    [InlineData("ZONEMD", "0000000101 01")]
    [InlineData("NSEC3", "0100000000 00")]
    [InlineData("LOC", "00 05 16 13 80000000 80000000 00989680")]
    public void Format_DataWithNoPresentationForm_UsesTheRfc3597FormThatReadsBack(string type, string hex)
    {
        Assert.True(RecordTypeNames.TryParse(type, out var recordType));
        var wire = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var data = RDataText.Read(recordType, wire);

        Assert.StartsWith("\\# ", data.ToString(), StringComparison.Ordinal);
        Assert.Equal(wire, RDataText.Parse(type, data.ToString()).ToWire());
    }
}
