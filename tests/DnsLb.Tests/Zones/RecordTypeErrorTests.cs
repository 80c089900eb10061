using DnsLb.Protocol;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Zones;

/// <summary>
/// Bad RDATA of any type in a zone file is one clear <c>file:line: what is wrong</c>, never an exception;
/// a signed zone's CNAME keeps its RRSIG and NSEC.
/// </summary>
public sealed class RecordTypeErrorTests
{
    private const string Header = "$TTL 60\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private static ZoneBuildResult Build(string text) =>
        ZoneBuilder.Build(ZoneFileParser.Parse("example.com.zone", text, DnsName.Parse("example.com.")), "example.com.zone");

    [Theory]
    [InlineData("x DS 1 8 2 XYZ", "DS digest 'XYZ' is not an even number of hexadecimal digits")]
    [InlineData("x DS 70000 8 2 AA", "DS key tag '70000' is not a number from 0 to 65535")]
    [InlineData("x CDS 1 8", "CDS ends before its digest type")]
    [InlineData("x DNSKEY 257 3 13 !!!!", "DNSKEY public key '!!!!' is not base64")]
    [InlineData("x CDNSKEY 257 3", "CDNSKEY ends before its algorithm")]
    [InlineData("x RRSIG A 13 2 3600 20261399000000 1 1 . AA==", "RRSIG expiration")]
    [InlineData("x NSEC next A BOGUS", "NSEC type list 'BOGUS' is not a record type")]
    [InlineData("x NSEC3 1 0 0 - !!", "NSEC3 next hashed owner '!!' is not base32hex")]
    [InlineData("x NSEC3PARAM 1 0 0", "NSEC3PARAM ends before its salt")]
    [InlineData("x SSHFP 1 1 0", "SSHFP fingerprint '0' is not an even number")]
    [InlineData("x TLSA 3 1 1", "TLSA ends before its association data")]
    [InlineData("x SMIMEA 300 1 1 AA", "SMIMEA usage '300' is not a number from 0 to 255")]
    [InlineData("x OPENPGPKEY A", "OPENPGPKEY key 'A' is not base64")]
    [InlineData("x HINFO onlyone", "HINFO ends before its OS")]
    [InlineData("x HINFO a b c", "HINFO has 1 unexpected field(s) after its data: 'c'")]
    [InlineData("x NAPTR 1 2 S SIP \"\"", "NAPTR ends before its replacement")]
    [InlineData("x DNAME \"quoted\"", "a domain name cannot be quoted")]
    [InlineData("x SVCB 1 . alpn=h2 alpn=h3", "SVCB parameter alpn is given twice")]
    [InlineData("x HTTPS 1 . mandatory=port", "HTTPS mandatory lists port, which the record does not have")]
    [InlineData("x URI 10", "URI ends before its weight")]
    [InlineData("x LOC 91 N 0 E 0m", "LOC latitude")]
    [InlineData("x CERT BOGUS 0 0 AA==", "CERT certificate type 'BOGUS' is neither a number nor one of")]
    [InlineData("x RP mbox", "RP ends before its TXT name")]
    [InlineData("x AFSDB host", "AFSDB subtype 'host' is not a number")]
    [InlineData("x KX 10", "KX ends before its exchanger")]
    [InlineData("x DHCID", "DHCID has no data")]
    [InlineData("x SPF", "SPF has no data")]
    [InlineData("x ZONEMD 1 1 1", "ZONEMD ends before its digest")]
    [InlineData("x CSYNC 1 70000", "CSYNC flags '70000' is not a number")]
    [InlineData("x TYPE65280 0A000001", "RFC 3597 form")]
    [InlineData("x TYPE65280 \\# 2 0A000001", "says 2 bytes but 4 follow")]
    [InlineData("x TYPE65280 \\# x", "must be followed by the data length")]
    [InlineData("x DS \\# 1 00", "'\\#' data is not valid DS data")]
    public void Parse_BadRData_IsOneErrorWithFileAndLine(string line, string expected)
    {
        var result = Build(Header + line + "\n");
        Assert.Null(result.Zone);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("example.com.zone:5: ", error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadRDataInParentheses_NamesTheLineTheRecordStartsOn()
    {
        var result = Build(Header + "x DNSKEY 257 3 13 (\n AwEAAQ==\n !!!! )\n");
        Assert.StartsWith("example.com.zone:5: DNSKEY public key", Assert.Single(result.Errors));
    }

    [Fact]
    public void Parse_RDataLongerThan65535Bytes_IsAnError()
    {
        var strings = string.Join(' ', Enumerable.Repeat("\"" + new string('a', 255) + "\"", 260));
        var result = Build(Header + "x TXT " + strings + "\n");
        Assert.StartsWith("example.com.zone:5: TXT data is longer than 65535 bytes", Assert.Single(result.Errors));
    }

    [Fact]
    public void Build_CnameBesideItsRrsigAndNsec_IsAllowed()
    {
        var result = Build(Header + "www A 127.0.0.2\nalias CNAME www\nalias RRSIG CNAME 13 3 60 1 0 1 example.com. AA==\nalias NSEC www CNAME RRSIG NSEC\n");
        Assert.True(result.Zone is not null, string.Join('\n', result.Errors));
        var node = result.Zone.GetNode(DnsName.Parse("alias.example.com."))!;
        Assert.Equal([RecordType.CNAME, RecordType.RRSIG, RecordType.NSEC], node.Sets.Select(s => s.Type));
    }

    [Fact]
    public void Build_CnameBesideOtherSignedData_IsStillAnError()
    {
        var result = Build(Header + "alias CNAME www\nalias RRSIG CNAME 13 3 60 1 0 1 example.com. AA==\nalias TXT \"no\"\n");
        Assert.Contains("beside other data (TXT on line 7)", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    /// <summary>Every record line of the zone with every type, broken in several ways: errors, never exceptions.</summary>
    [Fact]
    public void Parse_EveryTypeWithBrokenFields_GivesErrorsNeverExceptions()
    {
        var lines = File.ReadAllLines(Support.TestPaths.TestZone("types.test.zone"))
            .Where(l => l.Length > 0 && !l.StartsWith(';') && !l.StartsWith('$') && !l.StartsWith(' ') && !l.Contains('(')).ToList();
        var random = new Random(6);
        int errors = 0;
        foreach (var line in lines)
        {
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int cut = 3; cut < tokens.Length; cut++)
            {
                foreach (var variant in new[]
                {
                    string.Join(' ', tokens[..cut]),
                    string.Join(' ', tokens.Take(cut).Append("\"x\"").Concat(tokens.Skip(cut + 1))),
                    string.Join(' ', tokens.Take(cut).Append("-1").Concat(tokens.Skip(cut + 1))),
                    string.Join(' ', tokens.Take(cut).Append(new string((char)random.Next(33, 127), random.Next(1, 300))).Concat(tokens.Skip(cut + 1))),
                })
                {
                    var result = Build(Header + variant.Replace("types.test.", "example.com.", StringComparison.Ordinal) + "\n");
                    foreach (var error in result.Errors)
                        Assert.StartsWith("example.com.zone:5: ", error);
                    errors += result.Errors.Count;
                }
            }
        }
        Assert.True(errors > 200, $"only {errors} errors");
    }
}
