using DnsLb.Protocol;
using DnsLb.Protocol.Presentation;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>RRSIG times (RFC 4034 §3.2): YYYYMMDDHHmmSS or seconds; and the names DNSSEC records hold.</summary>
public sealed class RrsigDataTests
{
    private const string Tail = " 2371 example.com. AAEC";

    [Theory]
    [InlineData("20261231235959", 1798761599u)]
    [InlineData("19700101000000", 0u)]
    [InlineData("21060207062815", 4294967295u)]
    [InlineData("21060207062816", 0u)] // past 2106 the 32-bit count wraps (RFC 1982 serial arithmetic)
    [InlineData("1798761599", 1798761599u)]
    [InlineData("0", 0u)]
    [InlineData("4294967295", 4294967295u)]
    [InlineData("0000000000042", 42u)] // 13 digits: a number, not a date
    public void Parse_DateOrSeconds_GivesTheSecondsSince1970(string text, uint expected)
    {
        Assert.True(SignatureTime.TryParse(text, out uint seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("20261301000000")] // month 13
    [InlineData("20260230000000")] // 30 February
    [InlineData("19691231235959")] // before 1970
    [InlineData("4294967296")]
    [InlineData("202612312359590")] // 15 digits
    [InlineData("-1")]
    [InlineData("2026-12-31")]
    public void Parse_BadTime_IsRejected(string text) => Assert.False(SignatureTime.TryParse(text, out _));

    [Fact]
    public void Format_SecondsGivenAsIntegers_PrintsThemAsDates()
    {
        var data = RDataText.Parse("RRSIG", "A 13 2 3600 1798761599 0" + Tail);
        Assert.Equal("A 13 2 3600 20261231235959 19700101000000" + Tail, data.ToString());
        Assert.Equal(data.ToWire(), RDataText.Parse("RRSIG", "A 13 2 3600 20261231235959 19700101000000" + Tail).ToWire());
    }

    [Theory]
    [InlineData("A 13 2 3600 20261331000000 20261201000000" + Tail, "RRSIG expiration '20261331000000' is neither YYYYMMDDHHmmSS nor a number")]
    [InlineData("FOO 13 2 3600 1 0" + Tail, "RRSIG type covered 'FOO' is not a record type")]
    [InlineData("A BOGUS 2 3600 1 0" + Tail, "RRSIG algorithm 'BOGUS' is not an algorithm")]
    [InlineData("A 13 256 3600 1 0" + Tail, "RRSIG labels '256' is not a number from 0 to 255")]
    [InlineData("A 13 2 3600 1 0 2371 example.com.", "RRSIG ends before its signature")]
    [InlineData("A 13 2 3600 1 0 2371 example.com. AAE", "RRSIG signature 'AAE' is not base64")]
    public void Parse_BadField_NamesTheField(string text, string expected) =>
        Assert.Contains(expected, RDataText.Error("RRSIG", text), StringComparison.Ordinal);

    [Fact]
    public void SignerAndNextNames_KeepTheirCase_AndCompareWithoutIt()
    {
        var upper = RDataText.Parse("RRSIG", "A 13 2 3600 1 0 2371 Example.COM. AAEC");
        var lower = RDataText.Parse("RRSIG", "A 13 2 3600 1 0 2371 example.com. AAEC");
        Assert.Contains("Example.COM.", upper.ToString(), StringComparison.Ordinal);
        Assert.Equal(lower, upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.NotEqual(RDataText.Parse("RRSIG", "A 13 2 3600 1 0 2371 example.com. AAED"), lower);
    }

    [Fact]
    public void Nsec3_HashesAndSalts_AreCheckedWhenRead()
    {
        Assert.Contains("not base32hex", RDataText.Error("NSEC3", "1 0 0 - 0p9mhaveqvm6t7vbl5lop2u3t2rp3toz"), StringComparison.Ordinal);
        Assert.Contains("not base32hex", RDataText.Error("NSEC3", "1 0 0 - 0p9"), StringComparison.Ordinal);
        Assert.Contains("salt 'ABC' is neither '-'", RDataText.Error("NSEC3", "1 0 0 ABC 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"), StringComparison.Ordinal);
        Assert.Contains("salt", RDataText.Error("NSEC3PARAM", "1 0 0 \"\""), StringComparison.Ordinal);
        Assert.Equal(RecordType.NSEC3, RDataText.Parse("NSEC3", "1 0 0 - 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM").Type);
    }
}
