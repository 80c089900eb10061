using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>SVCB and HTTPS SvcParams (RFC 9460 §2.1, §7, §8, Appendix A and the test vectors of Appendix D).</summary>
public sealed class SvcbDataTests
{
    [Theory]
    // Appendix D.1 and D.2, wire forms as the RFC gives them.
    [InlineData("0 foo.example.com.", "0000 03666F6F076578616D706C6503636F6D00")]
    [InlineData("1 .", "0001 00")]
    [InlineData("16 foo.example.com. port=53", "0010 03666F6F076578616D706C6503636F6D00 0003 0002 0035")]
    [InlineData("1 foo.example.com. key667=hello", "0001 03666F6F076578616D706C6503636F6D00 029B 0005 68656C6C6F")]
    [InlineData("1 foo.example.com. key667=\"hello\\210qoo\"", "0001 03666F6F076578616D706C6503636F6D00 029B 0009 68656C6C6FD2716F6F")]
    [InlineData("1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
        "0001 03666F6F076578616D706C6503636F6D00 0006 0020 20010DB8000000000000000000000001 20010DB8000000000000000000530001")]
    [InlineData("16 foo.example.org. (alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1)",
        "0010 03666F6F076578616D706C65036F726700 0000 0004 00010004 0001 0009 02683205 68332D3139 0004 0004 C0000201")]
    [InlineData("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"", "0010 03666F6F076578616D706C65036F726700 0001 000C 08665C6F6F2C626172026832")]
    [InlineData("16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2", "0010 03666F6F076578616D706C65036F726700 0001 000C 08665C6F6F2C626172026832")]
    public void Parse_Rfc9460TestVectors_GiveTheirWireForm(string text, string hex)
    {
        Assert.Equal(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), RDataText.Parse("SVCB", text).ToWire());
    }

    [Fact]
    public void Parse_KeysInAnyOrder_AreWrittenInIncreasingOrder()
    {
        var data = (SvcbData)RDataText.Parse("HTTPS", "1 . key65000=x ech=AQID port=8443 alpn=h3 mandatory=port,alpn ipv6hint=::1 ipv4hint=127.0.0.1 key7");
        Assert.Equal([0, 1, 3, 4, 5, 6, 7, 65000], data.Parameters.Select(p => (int)p.Key));
        Assert.Equal("1 . mandatory=alpn,port alpn=\"h3\" port=8443 ipv4hint=127.0.0.1 ech=AQID ipv6hint=::1 key7 key65000=\"x\"", data.ToString());
    }

    [Fact]
    public void Format_AlpnWithCommaAndBackslash_EscapesTwiceAndReadsBack()
    {
        var data = RDataText.Parse("SVCB", "1 . alpn=\"f\\\\\\\\oo\\\\,bar,h2\"");
        Assert.Equal("1 . alpn=\"f\\\\\\\\oo\\\\,bar,h2\"", data.ToString());
        Assert.Equal(data.ToWire(), RDataText.Parse("SVCB", data.ToString()).ToWire());
    }

    [Fact]
    public void Parse_KnownKeyInGenericForm_IsTheSameAsItsNamedForm()
    {
        Assert.Equal(RDataText.Parse("SVCB", "1 . port=80").ToWire(), RDataText.Parse("SVCB", "1 . key3=\"\\000\\080\"").ToWire());
        Assert.Equal(RDataText.Parse("SVCB", "1 . alpn=h2").ToWire(), RDataText.Parse("SVCB", "1 . key1=\\002h2").ToWire());
    }

    [Theory]
    [InlineData("1 . port=80 port=81", "port is given twice")]
    [InlineData("1 . port=80 key3=\"\\000\\081\"", "port is given twice")]
    [InlineData("1 . mandatory=port", "mandatory lists port, which the record does not have")]
    [InlineData("1 . mandatory=mandatory,port port=1", "mandatory must not list itself")]
    [InlineData("1 . mandatory=port,port port=1", "mandatory lists port twice")]
    [InlineData("1 . mandatory=bogus", "'bogus', which is not a key")]
    [InlineData("1 . alpn=\"\"", "empty or over-long protocol id")]
    [InlineData("1 . alpn=h2,", "empty or over-long protocol id")]
    [InlineData("1 . alpn", "alpn needs a value")]
    [InlineData("1 . port", "port needs a value")]
    [InlineData("1 . port=65536", "port '65536' is not a number")]
    [InlineData("1 . no-default-alpn=x", "no-default-alpn takes no value")]
    [InlineData("1 . ipv4hint=::1", "'::1' is not an IPv4 address")]
    [InlineData("1 . ipv4hint=\"\"", "'' is not an IPv4 address")]
    [InlineData("1 . ipv6hint=127.0.0.1", "is not an IPv6 address")]
    [InlineData("1 . ech=\"\"", "ech is not base64")]
    [InlineData("1 . ech=%%%", "ech is not base64")]
    [InlineData("1 . key3=\\001", "port's value is not valid")]
    [InlineData("1 . key65536=x", "neither a known key nor keyNNNNN")]
    [InlineData("1 . foo=bar", "'foo' is neither a known key")]
    [InlineData("1 . \"alpn=h2\"", "is quoted")]
    public void Parse_BrokenParameters_AreErrorsThatSayWhy(string text, string expected)
    {
        Assert.Contains(expected, RDataText.Error("SVCB", text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001 00 0003 0002 01BB 0001 0003 026832")] // keys out of order
    [InlineData("0001 00 0003 0002 01BB 0003 0002 01BB")] // a key twice
    [InlineData("0001 00 0000 0002 0003")] // mandatory lists a key that is not there
    public void Read_ParametersBreakingTheOrderingRules_AreMalformed(string hex)
    {
        Assert.Equal(DnsLb.Protocol.ParseStatus.BadRecordData,
            RDataText.TryRead(DnsLb.Protocol.RecordType.SVCB, Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), out _));
    }
}
