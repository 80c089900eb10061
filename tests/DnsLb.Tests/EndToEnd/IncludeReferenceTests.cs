using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// A zone built from <c>$INCLUDE</c>s, served by DnsLb and by Knot DNS: origins given and restored, <c>$TTL</c>
/// and owners restored, nesting. Knot reads the same text with the include paths made absolute (DnsLb
/// refuses absolute paths; Knot copies the zone file to its own folder), so only the path form differs.
/// </summary>
public sealed class IncludeReferenceTests(IncludeReferenceTests.Servers servers) : IClassFixture<IncludeReferenceTests.Servers>
{
    private const string Zone = """
        $ORIGIN inc.test.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 127.0.0.1
        before IN A 127.0.0.2
        $INCLUDE {0}changes.inc
          IN TXT "owner from before the include"
        after IN A 127.0.0.3
        $INCLUDE {0}hosts.inc sub.inc.test.
        $INCLUDE {0}hosts.inc rel.inc.test.
        after2 60 IN A 127.0.0.4
        $INCLUDE {0}outer.inc

        """;

    private static readonly Dictionary<string, string> Included = new()
    {
        ["changes.inc"] = "$TTL 77\n$ORIGIN other.inc.test.\nx IN A 127.0.0.5\n",
        ["hosts.inc"] = "y IN A 127.0.0.6\n@ IN TXT \"at the origin given\"\n  IN MX 10 y\n",
        ["outer.inc"] = "$ORIGIN deep.inc.test.\nouter IN A 127.0.0.7\n$INCLUDE {0}inner.inc\n",
        ["inner.inc"] = "inner 30 IN A 127.0.0.8\n  IN TXT \"last TTL given\"\n",
    };

    public static TheoryData<string, string> Queries => new()
    {
        { "before.inc.test.", "A" }, { "before.inc.test.", "TXT" }, { "x.other.inc.test.", "A" },
        { "after.inc.test.", "A" }, { "after.other.inc.test.", "A" },
        { "y.sub.inc.test.", "A" }, { "sub.inc.test.", "TXT" }, { "sub.inc.test.", "MX" },
        { "y.rel.inc.test.", "A" }, { "rel.inc.test.", "TXT" }, { "after2.inc.test.", "A" },
        { "outer.deep.inc.test.", "A" }, { "inner.deep.inc.test.", "A" }, { "inner.deep.inc.test.", "TXT" },
        { "y.inc.test.", "A" }, { "other.inc.test.", "A" },
    };

    /// <summary>Both servers, started once for every query.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly ZoneDirectory _files = new();

        internal KnotServer? Knot { get; private set; }
        internal TestServer? DnsLb { get; private set; }

        public async Task InitializeAsync()
        {
            foreach (var (file, text) in Included)
                _files.Write(file, string.Format(text, _files.Path + "/"));
            Knot = KnotServer.Start(_files.Write("knot.zone.txt", string.Format(Zone, _files.Path + "/")), "inc.test");

            var ours = Included.ToDictionary(f => f.Key, f => string.Format(f.Value, ""));
            ours["inc.test.zone"] = string.Format(Zone, "");
            DnsLb = await TestServer.StartAsync(ours);
        }

        public async Task DisposeAsync()
        {
            Knot?.Dispose();
            if (DnsLb is not null)
                await DnsLb.DisposeAsync();
            _files.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Include_AnswersAsKnotDoes(string name, string type)
    {
        Assert.True(DnsLb.Zones.Parsing.ZoneFileParser.TryParseType(type, out var recordType));
        var query = DnsMessage.Query(name, recordType, 4242, 1232);
        var theirs = AnswerShape.Of(DnsTestClient.Udp(servers.Knot!.Port, query));
        Assert.True(theirs.Authoritative, "Knot did not load the zone");
        Assert.Equal(theirs.ToString(), AnswerShape.Of(DnsTestClient.Udp(servers.DnsLb!.Port, query)).ToString());
    }
}
