using DnsLb.Protocol;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Zones;

/// <summary>Master-file syntax (RFC 1035 §5.1) and the errors a zone file can hold, each with its line.</summary>
public sealed class ZoneFileParserTests
{
    private const string Soa = "@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private static ZoneBuildResult Build(string text, string fileName = "example.com.zone") =>
        ZoneBuilder.Build(ZoneFileParser.Parse(fileName, text, ZoneFileParser.OriginFromFileName(fileName)), fileName);

    private static Zone BuildOk(string text, string fileName = "example.com.zone")
    {
        var result = Build(text, fileName);
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    private static string[] Records(Zone zone, string name, RecordType type) =>
        zone.GetNode(DnsName.Parse(name))?.Find(type)?.Records.Select(r => r.ToString()).ToArray() ?? [];

    private static uint Ttl(Zone zone, string name, RecordType type) => zone.GetNode(DnsName.Parse(name))!.Find(type)!.Ttl;

    [Fact]
    public void Parse_OriginFromFileName_WhenNoOriginDirective()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "www IN A 127.0.0.2\n");
        Assert.Equal("example.com.", zone.Origin.ToString());
        Assert.Equal(["127.0.0.2"], Records(zone, "www.example.com.", RecordType.A));
    }

    [Fact]
    public void Parse_OriginDirective_OverridesFileName()
    {
        var zone = BuildOk("$ORIGIN example.org.\n$TTL 60\n" + Soa, "whatever.zone");
        Assert.Equal("example.org.", zone.Origin.ToString());
    }

    [Fact]
    public void Parse_LaterOriginDirective_ChangesRelativeNames()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "$ORIGIN sub.example.com.\nhost IN A 127.0.0.3\n@ IN TXT \"at sub\"\n");
        Assert.Equal(["127.0.0.3"], Records(zone, "host.sub.example.com.", RecordType.A));
        Assert.Equal(["\"at sub\""], Records(zone, "sub.example.com.", RecordType.TXT));
    }

    [Fact]
    public void Parse_DefaultTtl_AndExplicitTtl_AndUnits()
    {
        var zone = BuildOk("$TTL 1h\n" + Soa + "a IN A 127.0.0.2\nb 90 IN A 127.0.0.3\nc 1d2h IN A 127.0.0.4\nd 1W IN A 127.0.0.5\n");
        Assert.Equal(3600u, Ttl(zone, "a.example.com.", RecordType.A));
        Assert.Equal(90u, Ttl(zone, "b.example.com.", RecordType.A));
        Assert.Equal(93600u, Ttl(zone, "c.example.com.", RecordType.A));
        Assert.Equal(604800u, Ttl(zone, "d.example.com.", RecordType.A));
    }

    [Fact]
    public void Parse_WithoutTtlDirective_UsesTheLastExplicitTtl()
    {
        var zone = BuildOk(Soa + "a IN A 127.0.0.2\n");
        Assert.Equal(3600u, Ttl(zone, "a.example.com.", RecordType.A));
    }

    [Fact]
    public void Parse_OmittedOwner_ClassAndTtl_InEitherOrder()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "multi A 127.0.0.2\n      A 127.0.0.3\n\tIN 30 A 127.0.0.4\n  30 IN A 127.0.0.5\n");
        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"], Records(zone, "multi.example.com.", RecordType.A));
    }

    [Fact]
    public void Parse_AbsoluteAndRelativeNames_AndAt()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "www.example.com. IN CNAME @\nftp IN CNAME www.example.com.\nmail IN MX 10 www\n");
        Assert.Equal(["example.com."], Records(zone, "www.example.com.", RecordType.CNAME));
        Assert.Equal(["www.example.com."], Records(zone, "ftp.example.com.", RecordType.CNAME));
        Assert.Equal(["10 www.example.com."], Records(zone, "mail.example.com.", RecordType.MX));
    }

    [Fact]
    public void Parse_Parentheses_JoinLines_AndCommentsAreIgnored()
    {
        var zone = BuildOk("$TTL 60 ; default\n@ IN SOA ns1 hostmaster ( ; comment\n 7 ; serial\n 3600 600\n 86400 60 )\n@ NS ns1 ; the server\nns1 A 127.0.0.1\n");
        Assert.Equal(7u, zone.Serial);
    }

    [Fact]
    public void Parse_QuotedStrings_WithEscapesAndSemicolons()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "t IN TXT \"a; not a comment\" \"quote \\\" and \\\\ backslash\" unquoted \"\\065\\066C\"\n");
        Assert.Equal(["\"a; not a comment\" \"quote \\\" and \\\\ backslash\" \"unquoted\" \"ABC\""], Records(zone, "t.example.com.", RecordType.TXT));
    }

    [Fact]
    public void Parse_DecimalEscapesInNames()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "a\\046b IN A 127.0.0.2\n\\065x IN A 127.0.0.3\n");
        Assert.NotNull(zone.GetNode(DnsName.Parse("a\\.b.example.com.")));
        Assert.NotNull(zone.GetNode(DnsName.Parse("ax.example.com.")));
    }

    [Fact]
    public void Parse_EveryRequiredType()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + """
            a     A     192.0.2.1
            a     AAAA  2001:db8::1
            a     MX    10 mail.example.net.
            a     TXT   "text"
            c     CNAME a
            p     PTR   a.example.com.
            _s._tcp SRV 1 2 443 a
            a     CAA   0 issue "ca.example"
            sub   NS    ns.sub
            ns.sub A    127.0.0.9
            """ + "\n");
        Assert.Equal(["192.0.2.1"], Records(zone, "a.example.com.", RecordType.A));
        Assert.Equal(["2001:db8::1"], Records(zone, "a.example.com.", RecordType.AAAA));
        Assert.Equal(["10 mail.example.net."], Records(zone, "a.example.com.", RecordType.MX));
        Assert.Equal(["a.example.com."], Records(zone, "c.example.com.", RecordType.CNAME));
        Assert.Equal(["a.example.com."], Records(zone, "p.example.com.", RecordType.PTR));
        Assert.Equal(["1 2 443 a.example.com."], Records(zone, "_s._tcp.example.com.", RecordType.SRV));
        Assert.Equal(["0 issue \"ca.example\""], Records(zone, "a.example.com.", RecordType.CAA));
        Assert.Equal(["ns.sub.example.com."], Records(zone, "sub.example.com.", RecordType.NS));
    }

    [Fact]
    public void Parse_UnknownTypes_InRfc3597Form()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "u TYPE65280 \\# 4 0A000001\nv TYPE65281 \\# 0\nw A \\# 4 7F000002\nx HINFO \\# 4 ( 01 61\n 01 62 )\n");
        Assert.Equal(["\\# 4 0A000001"], Records(zone, "u.example.com.", (RecordType)65280));
        Assert.Equal(["\\# 0"], Records(zone, "v.example.com.", (RecordType)65281));
        Assert.Equal(["127.0.0.2"], Records(zone, "w.example.com.", RecordType.A));
        // A known type given as \# is decoded, so it is printed in its own form.
        Assert.Equal(["\"a\" \"b\""], Records(zone, "x.example.com.", RecordType.HINFO));
    }

    [Fact]
    public void Build_EmptyNonTerminals_ExistAsEmptyNodes()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "a.b.c IN A 127.0.0.2\n");
        Assert.True(zone.GetNode(DnsName.Parse("b.c.example.com."))!.IsEmpty);
        Assert.True(zone.GetNode(DnsName.Parse("c.example.com."))!.IsEmpty);
    }

    [Fact]
    public void Build_DuplicateRecords_AreMerged()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "a A 127.0.0.2\nA A 127.0.0.2\n");
        Assert.Single(Records(zone, "a.example.com.", RecordType.A));
    }

    [Fact]
    public void Build_GlueBelowADelegation_IsAllowed()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "sub NS ns.sub\nns.sub A 127.0.0.9\nns.sub AAAA ::1\n");
        Assert.NotNull(zone.GetNode(DnsName.Parse("ns.sub.example.com."))!.Find(RecordType.A));
    }

    // Every error: the message names the file and the line.
    [Theory]
    [InlineData("$TTL 60\n" + Soa + "www IN A 999.1.1.1\n", 5, "not an IPv4 address")]
    [InlineData("$TTL 60\n" + Soa + "www IN AAAA 127.0.0.1\n", 5, "not an IPv6 address")]
    [InlineData("$TTL 60\n" + Soa + "www IN FOO 1\n", 5, "unknown record type 'FOO'")]
    [InlineData("$TTL 60\n" + Soa + "www CH A 127.0.0.1\n", 5, "only IN")]
    [InlineData("$TTL 60\n" + Soa + "www IN MX 10\n", 5, "MX ends before its exchange")]
    [InlineData("$TTL 60\n" + Soa + "www IN MX mail\n", 5, "MX preference 'mail' is not a number")]
    [InlineData("$TTL 60\n" + Soa + "www IN MX 70000 mail\n", 5, "MX preference")]
    [InlineData("$TTL 60\n" + Soa + "www IN A 127.0.0.1 extra\n", 5, "unexpected field")]
    [InlineData("$TTL 60\n" + Soa + "www IN TXT \"unclosed\n", 5, "not closed")]
    [InlineData("$TTL 60\n" + Soa + "www IN SOA ( ns1 hostmaster 1 2 3 4 5\n", 5, "'(' is never closed")]
    [InlineData("$TTL 60\n" + Soa + "www IN A 127.0.0.1 )\n", 5, "')' without a matching '('")]
    [InlineData("$TTL 60\n" + Soa + "www IN TYPE65280 \\# 4 0A0000\n", 5, "says 4 bytes but 3 follow")]
    [InlineData("$TTL 60\n" + Soa + "www IN TYPE65280 \\# 2 ABC\n", 5, "hexadecimal")]
    [InlineData("$TTL 60\n" + Soa + "www IN A \\# 3 7F0000\n", 5, "not valid A data")]
    [InlineData("$TTL 60\n" + Soa + "www IN TYPE65280 0A000001\n", 5, "RFC 3597 form")]
    [InlineData("$TTL 60\n" + Soa + "www IN IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n", 5, "RFC 3597 form")]
    [InlineData("$TTL 60\n" + Soa + "www IN CAA 0 bad-tag \"x\"\n", 5, "CAA tag")]
    [InlineData("$TTL 60\n" + Soa + "a..b IN A 127.0.0.1\n", 5, "empty label")]
    [InlineData("$TTL 60\n" + Soa + "www 99999999999 IN A 127.0.0.1\n", 5, "bad TTL")]
    [InlineData("$TTL 60\n" + Soa + "$GENERATE 1-10 host$ A 127.0.0.$\n", 5, "$GENERATE is not supported")]
    [InlineData("$TTL 60\n" + Soa + "$FOO bar\n", 5, "unknown directive")]
    [InlineData("$TTL\n" + Soa, 1, "$TTL takes one time value")]
    [InlineData("$ORIGIN a..b.\n$TTL 60\n" + Soa, 1, "bad $ORIGIN")]
    [InlineData("  IN A 127.0.0.1\n$TTL 60\n" + Soa, 1, "no owner name")]
    [InlineData("www IN A 127.0.0.1\n" + Soa, 1, "no TTL")]
    [InlineData("$TTL 60\n" + Soa + "www.example.net. IN A 127.0.0.1\n", 5, "outside the zone")]
    [InlineData("$TTL 60\n" + Soa + "www IN CNAME other\nwww IN A 127.0.0.1\n", 5, "beside other data")]
    [InlineData("$TTL 60\n" + Soa + "www IN CNAME one\nwww IN CNAME two\n", 6, "a second CNAME")]
    [InlineData("$TTL 60\n" + Soa + "@ IN SOA ns1 hostmaster 2 3600 600 86400 60\n", 5, "a second SOA")]
    [InlineData("$TTL 60\n" + Soa + "www IN SOA ns1 hostmaster 2 3600 600 86400 60\n", 5, "not the zone apex")]
    [InlineData("$TTL 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n", 2, "no SOA record")]
    [InlineData("$TTL 60\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n", 2, "no NS record")]
    [InlineData("$TTL 60\n" + Soa + "sub IN NS ns.sub\nwww.sub IN TXT \"hidden\"\n", 6, "below the delegation")]
    [InlineData("$TTL 60\n" + Soa + "www IN OPT \\# 0\n", 5, "not a record type that can appear in a zone")]
    public void Parse_Error_IsReportedWithFileAndLine(string text, int line, string expected)
    {
        var result = Build(text);
        Assert.Null(result.Zone);
        var error = Assert.Single(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith($"example.com.zone:{line}: ", error);
    }

    [Fact]
    public void Parse_TxtStringOver255Bytes_IsSplitAsKnotSplitsIt()
    {
        var zone = BuildOk("$TTL 60\n" + Soa + "www IN TXT \"" + new string('a', 600) + "\" \"b\"\n");
        var txt = (DnsLb.Protocol.RecordData.TxtData)zone.GetNode(DnsName.Parse("www.example.com."))!.Find(RecordType.TXT)!.Records[0];
        Assert.Equal([255, 255, 90, 1], txt.Strings.Select(s => s.Length));
    }

    [Fact]
    public void Parse_HinfoStringOver255Bytes_IsAnError()
    {
        var result = Build("$TTL 60\n" + Soa + "www IN HINFO \"" + new string('a', 256) + "\" os\n");
        Assert.Null(result.Zone);
        Assert.StartsWith("example.com.zone:5: HINFO CPU of 256 bytes", Assert.Single(result.Errors));
    }

    [Fact]
    public void Parse_SeveralErrors_AreAllReported()
    {
        var result = Build("$TTL 60\n" + Soa + "a IN A 1.2.3\nb IN MX x y\nc IN CNAME d\nc IN TXT \"e\"\n");
        Assert.Null(result.Zone);
        Assert.Equal(3, result.Errors.Count);
        Assert.StartsWith("example.com.zone:5:", result.Errors[0]);
        Assert.StartsWith("example.com.zone:6:", result.Errors[1]);
        Assert.StartsWith("example.com.zone:7:", result.Errors[2]);
    }

    [Fact]
    public void ExampleZone_OfTheRepository_Loads()
    {
        var result = ZoneLoader.LoadFile(Support.TestPaths.ExampleZone);
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Zone!.GetNode(DnsName.Parse("twopir.example.com."))!.Find(RecordType.A)!.Count);
    }
}
