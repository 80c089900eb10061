using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Answering;

/// <summary>
/// DNAME answers where DnsLb follows RFC 6672 and Knot DNS cannot be the reference: data below a DNAME (Knot
/// refuses such a zone; BIND loads it and occludes the data), a substitution longer than 255 octets (Knot answers
/// NXDOMAIN for the DNAME's target instead of YXDOMAIN), a DNAME at a zone cut (Knot refuses that zone too), and
/// the case and TTL of what is synthesised.
/// </summary>
public sealed class DnameTests(DnameTests.Server server) : IClassFixture<DnameTests.Server>
{
    private static readonly string Label63 = new('l', 63);

    /// <summary>long.example.com's target is 205 octets: a prefix of 50 octets fits exactly, 51 do not.</summary>
    private static readonly string LongTarget = $"{Label63}.{Label63}.{Label63}.example.com.";

    public sealed class Server : IAsyncLifetime
    {
        internal TestServer? Instance { get; private set; }

        public async Task InitializeAsync() => Instance = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["example.com.zone"] = TestZones.Header + $"""
                dn 600 IN DNAME tgt
                below.dn IN A 127.0.0.70
                deeper.below.dn IN TXT "occluded"
                a.tgt IN A 127.0.0.53
                long IN DNAME {LongTarget}
                dupmx IN MX 10 host
                dupmx IN MX 20 HOST
                host IN A 127.0.0.30
                cut IN NS ns1.elsewhere.example.
                cut IN DNAME tgt

                """,
        });

        public async Task DisposeAsync() => await Instance!.DisposeAsync();
    }

    private DnsMessage Ask(string name, RecordType type) => DnsTestClient.Udp(server.Instance!.Port, name, type);

    private static string[] Lines(IEnumerable<ResourceRecord> records) => [.. records.Where(r => r.Type != RecordType.OPT).Select(r => r.ToString())];

    [Theory]
    [InlineData("below.dn.example.com.", RecordType.A)]
    [InlineData("deeper.below.dn.example.com.", RecordType.TXT)]
    public void Query_ForDataBelowADname_IsAnsweredBySynthesis_NotFromTheOccludedData(string name, RecordType type)
    {
        var answer = Ask(name, type);
        Assert.Equal((int)ResponseCode.NXDomain, answer.ResponseCode); // the synthesised target does not exist
        Assert.True(answer.Header.IsAuthoritative);
        string target = name.Replace(".dn.", ".tgt.", StringComparison.Ordinal);
        Assert.Equal([$"dn.example.com. 600 IN DNAME tgt.example.com.", $"{name} 600 IN CNAME {target}"], Lines(answer.Answers));
        Assert.Equal(RecordType.SOA, Assert.Single(answer.Authorities).Type);
    }

    [Fact]
    public void Query_BelowADname_KeepsTheQuestionsCase_AndTheDnamesTtl()
    {
        var answer = Ask("A.Dn.Example.COM.", RecordType.A);
        // Compression makes a later name take the case of an earlier one; compare without case, then the prefix.
        Assert.Equal(
            ["dn.example.com. 600 in dname tgt.example.com.", "a.dn.example.com. 600 in cname a.tgt.example.com.", "a.tgt.example.com. 300 in a 127.0.0.53"],
            Lines(answer.Answers).Select(l => l.ToLowerInvariant()));
        var cname = answer.Answers[1];
        Assert.Equal("A.Dn.Example.COM.", cname.Owner.ToString());
        Assert.StartsWith("A.tgt.", ((NameData)cname.Data).Target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Query_WhoseSubstitutionIsLongerThan255Octets_IsYxDomain_WithTheDname()
    {
        var answer = Ask(new string('x', 50) + ".long.example.com.", RecordType.A);
        Assert.Equal((int)ResponseCode.YXDomain, answer.ResponseCode);
        Assert.True(answer.Header.IsAuthoritative);
        Assert.Equal([$"long.example.com. 300 IN DNAME {LongTarget}"], Lines(answer.Answers));
        Assert.Empty(answer.Authorities);
    }

    [Fact]
    public void Query_WhoseSubstitutionIsExactly255Octets_IsSynthesised()
    {
        string prefix = new('x', 49);
        var answer = Ask(prefix + ".long.example.com.", RecordType.A);
        Assert.Equal((int)ResponseCode.NXDomain, answer.ResponseCode);
        var cname = Assert.Single(answer.Answers, r => r.Type == RecordType.CNAME);
        Assert.Equal(WireName.MaxLength, ((NameData)cname.Data).Target.Wire.Length);
        Assert.Equal($"{prefix}.{LongTarget}", ((NameData)cname.Data).Target.ToString());
    }

    [Fact]
    public void Query_ForMxWithOneTargetTwice_GivesItsAddressesOnce()
    {
        // RFC 2181 §5: an RRset once per response. (Knot DNS repeats the target's A RRset per MX record.)
        var answer = Ask("dupmx.example.com.", RecordType.MX);
        Assert.Equal(2, answer.Answers.Count);
        Assert.Equal(["host.example.com. 300 IN A 127.0.0.30"], Lines(answer.Additionals));
    }

    [Fact]
    public void Query_BelowADnameAtAZoneCut_IsAReferral()
    {
        // Names below a cut are the child zone's to answer (RFC 1034 §4.2.1); the parent's DNAME there is not used.
        var answer = Ask("www.cut.example.com.", RecordType.A);
        Assert.False(answer.Header.IsAuthoritative);
        Assert.Empty(answer.Answers);
        Assert.Equal(["cut.example.com. 300 IN NS ns1.elsewhere.example."], Lines(answer.Authorities));
    }
}
