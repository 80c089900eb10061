using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// The same zone files served by DnsLb and by Knot DNS: for a corpus that covers authoritative semantics
/// (positive, NODATA, NXDOMAIN, empty non-terminals, CNAME chains and their limit, DNAME below, at and beside
/// its owner and at the apex, wildcards, referrals, glue, additional data that does not all fit, case,
/// truncation, refusal), both must give the same rcode, flags, question and section contents.
/// Where DnsLb differs from Knot on purpose (a DNAME substitution longer than 255 octets, duplicate MX
/// targets, data below a DNAME, which Knot refuses to load) it is tested in Answering/DnameTests instead.
/// </summary>
public sealed class ReferenceServerTests(ReferenceServerTests.Servers servers) : IClassFixture<ReferenceServerTests.Servers>
{

    public static TheoryData<string, string> Corpus => new()
    {
        { "ref.test.", "SOA" }, { "ref.test.", "NS" }, { "ref.test.", "MX" }, { "ref.test.", "TXT" }, { "ref.test.", "A" },
        { "ns1.ref.test.", "A" }, { "ns1.ref.test.", "AAAA" }, { "ns1.ref.test.", "MX" },
        { "www.ref.test.", "A" }, { "www.ref.test.", "CNAME" }, { "www.ref.test.", "TXT" },
        { "WwW.ReF.TeSt.", "A" }, { "NS1.REF.TEST.", "A" },
        { "chain1.ref.test.", "A" }, { "chain1.ref.test.", "AAAA" }, { "chain2.ref.test.", "CNAME" },
        { "out.ref.test.", "A" }, { "dangling.ref.test.", "A" },
        { "nope.ref.test.", "A" }, { "deep.nope.ref.test.", "AAAA" },
        { "c.ent.ref.test.", "A" }, { "b.c.ent.ref.test.", "TXT" }, { "a.b.c.ent.ref.test.", "A" }, { "x.c.ent.ref.test.", "A" },
        { "foo.wild.ref.test.", "A" }, { "foo.wild.ref.test.", "TXT" }, { "foo.wild.ref.test.", "MX" }, { "a.b.wild.ref.test.", "A" },
        { "exists.wild.ref.test.", "A" }, { "exists.wild.ref.test.", "TXT" }, { "wild.ref.test.", "A" }, { "*.wild.ref.test.", "A" },
        { "x.wcname.ref.test.", "A" }, { "x.wcname.ref.test.", "CNAME" },
        { "sub.ref.test.", "A" }, { "sub.ref.test.", "NS" }, { "x.sub.ref.test.", "A" }, { "ns.sub.ref.test.", "A" },
        { "deleg2.ref.test.", "A" }, { "y.deleg2.ref.test.", "MX" },
        { "_sip._udp.ref.test.", "SRV" }, { "txt.ref.test.", "TXT" }, { "caa.ref.test.", "CAA" }, { "unknown.ref.test.", "TYPE65280" },
        { "big.ref.test.", "A" }, { "big.ref.test.", "AAAA" },
        { "elsewhere.example.", "A" }, { "test.", "SOA" },
        { "ref.test.", "HTTPS" }, { "ns1.ref.test.", "HTTPS" },
        { "ref.test.", "ANY" }, { "ns1.ref.test.", "ANY" }, { "www.ref.test.", "ANY" }, { "nope.ref.test.", "ANY" }, { "c.ent.ref.test.", "ANY" },
        { "loop1.ref.test.", "A" }, { "sub.ref.test.", "DS" },
        // DNAME (RFC 6672)
        { "a.dn.ref.test.", "A" }, { "cn.dn.ref.test.", "A" }, { "cn.dn.ref.test.", "CNAME" }, { "zz.dn.ref.test.", "A" },
        { "a.dn.ref.test.", "DNAME" }, { "a.dn.ref.test.", "ANY" }, { "A.DN.REF.TEST.", "A" },
        { "dn.ref.test.", "A" }, { "dn.ref.test.", "DNAME" }, { "dn.ref.test.", "TXT" }, { "dn.ref.test.", "MX" }, { "dn.ref.test.", "ANY" },
        { "a.dn2.ref.test.", "A" }, { "x.y.dnout.ref.test.", "A" }, { "a.dl1.ref.test.", "A" }, { "cdn.ref.test.", "A" },
        { "x.dsub.ref.test.", "A" }, { "x.dsub.ref.test.", "DS" }, { "tosub.ref.test.", "A" }, { "tosub.ref.test.", "CNAME" },
        { "foo.wdn.ref.test.", "A" }, { "foo.wdn.ref.test.", "DNAME" }, { "mxdn.ref.test.", "MX" },
        { "ch1.ref.test.", "A" }, { "ch2.ref.test.", "A" }, { "cd1.ref.test.", "A" },
        { "www.alias.test.", "A" }, { "x.y.alias.test.", "MX" }, { "sub.alias.test.", "A" }, { "alias.test.", "DNAME" },
        { "alias.test.", "A" }, { "alias.test.", "ANY" }, { "alias.test.", "SOA" }, { "alias.test.", "NS" }, { "alias.test.", "MX" },
        // Additional data and glue that do not all fit; truncation
        { "x.bigdeleg.ref.test.", "A" }, { "bigdeleg.ref.test.", "NS" }, { "x.bd2.ref.test.", "A" }, { "x.bd3.ref.test.", "A" }, { "x.sibdeleg.ref.test.", "A" },
        { "mxs.ref.test.", "MX" }, { "wmx.ref.test.", "MX" }, { "x.hugens.ref.test.", "A" }, { "lc.ref.test.", "A" }, { "cbig.ref.test.", "A" },
    };

    private static readonly (string File, string Name)[] Zones =
        [(TestPaths.TestZone("ref.test.zone"), "ref.test"), (TestPaths.TestZone("alias.test.zone"), "alias.test")];

    /// <summary>Both servers, started once for the whole corpus.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        internal KnotServer? Knot { get; private set; }
        internal TestServer? DnsLb { get; private set; }

        public async Task InitializeAsync()
        {
            Knot = KnotServer.Start(Zones);
            DnsLb = await TestServer.StartAsync(Zones.ToDictionary(z => Path.GetFileName(z.File), z => File.ReadAllText(z.File)));
        }

        public async Task DisposeAsync()
        {
            Knot?.Dispose();
            if (DnsLb is not null)
                await DnsLb.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Udp_WithEdns_AnswersAsKnotDoes(string name, string type) => AssertSame(name, type, 1232, tcp: false);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Udp_WithoutEdns_AnswersAsKnotDoes(string name, string type) => AssertSame(name, type, null, tcp: false);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Tcp_AnswersAsKnotDoes(string name, string type) => AssertSame(name, type, 1232, tcp: true);

    private void AssertSame(string name, string type, ushort? edns, bool tcp)
    {
        Assert.True(DnsLb.Zones.Parsing.ZoneFileParser.TryParseType(type, out var recordType));
        var query = DnsMessage.Query(name, recordType, 4242, edns);
        var ours = tcp ? DnsTestClient.Tcp(servers.DnsLb!.Port, query) : DnsTestClient.Udp(servers.DnsLb!.Port, query);
        var theirs = tcp ? DnsTestClient.Tcp(servers.Knot!.Port, query) : DnsTestClient.Udp(servers.Knot!.Port, query);
        Assert.Equal(AnswerShape.Of(theirs).ToString(), AnswerShape.Of(ours).ToString());
        Assert.Equal(query.Header.Id, ours.Header.Id);
        Assert.Equal(edns is not null, ours.Opt is not null);
    }
}
