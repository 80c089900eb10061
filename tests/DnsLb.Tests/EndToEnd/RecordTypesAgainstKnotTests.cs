using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// One zone file with every record type DnsLb reads in presentation form (TestZones/types.test.zone, several
/// records of each, with the awkward cases), loaded by Knot DNS and by DnsLb: for every owner and type, the
/// RDATA must be the same bytes. Knot's zone transfer is the reference for the whole zone, because Knot
/// answers a query for NSEC3 owners (kept in a tree of their own) or for RRSIG (one covered type only) with
/// less than the zone holds; for every other owner and type both servers are also queried directly (a
/// delegation's NS and glue come back as a referral: every section counts).
/// </summary>
public sealed class RecordTypesAgainstKnotTests(RecordTypesAgainstKnotTests.Servers servers) : IClassFixture<RecordTypesAgainstKnotTests.Servers>
{
    private const string ZoneName = "types.test";

    private static readonly string[] EveryType =
    [
        "A", "AAAA", "NS", "CNAME", "SOA", "PTR", "MX", "TXT", "SRV", "CAA", "DNAME", "DS", "CDS", "DNSKEY", "CDNSKEY",
        "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "SSHFP", "TLSA", "SMIMEA", "OPENPGPKEY", "HINFO", "NAPTR", "SVCB", "HTTPS",
        "URI", "LOC", "CERT", "RP", "AFSDB", "KX", "DHCID", "SPF", "ZONEMD", "CSYNC", "TYPE65280", "TYPE65281", "TYPE62347",
    ];

    public sealed class Servers : IAsyncLifetime
    {
        internal KnotServer? Knot { get; private set; }
        internal TestServer? DnsLb { get; private set; }
        internal List<WireRecord> KnotZone { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var file = TestPaths.TestZone("types.test.zone");
            Knot = KnotServer.Start(file, ZoneName);
            DnsLb = await TestServer.StartWithZoneAsync(file);
            KnotZone = WireRecords.ZoneTransfer(Knot.Port, ZoneName + ".");
        }

        public async Task DisposeAsync()
        {
            Knot?.Dispose();
            if (DnsLb is not null)
                await DnsLb.DisposeAsync();
        }
    }

    private static List<(string Owner, RecordType Type)> Keys(IEnumerable<WireRecord> records) =>
        [.. records.Select(r => (r.Owner, r.Type)).Distinct()];

    private static string[] Set(IEnumerable<WireRecord> records, string owner, RecordType type) =>
        [.. records.Where(r => r.Owner == owner && r.Type == type).Select(r => r.RData).Distinct().Order(StringComparer.Ordinal)];

    private static List<WireRecord> Query(int port, string owner, RecordType type) =>
        WireRecords.Records(DnsTestClient.TcpRaw(port, [DnsMessage.Query(owner, type, 99).Encode()])[0]);

    [Fact]
    public void ZoneTransfer_FromKnot_HoldsEveryTypeAndEveryRecordDnsLbLoaded()
    {
        var types = servers.KnotZone.Select(r => ResourceRecord.TypeName(r.Type)).ToHashSet();
        Assert.Equal([], EveryType.Where(t => !types.Contains(t)));

        var loaded = ZoneLoader.LoadFile(TestPaths.TestZone("types.test.zone"));
        Assert.True(loaded.Zone is not null, string.Join('\n', loaded.Errors));
        Assert.Equal(loaded.Zone.RecordCount, servers.KnotZone.Count);
        Assert.True(servers.KnotZone.Count > 90, $"only {servers.KnotZone.Count} records");
    }

    [Fact]
    public void EveryOwnerAndType_FromDnsLb_IsByteIdenticalToKnotsZone()
    {
        var differences = new List<string>();
        foreach (var (owner, type) in Keys(servers.KnotZone))
        {
            var expected = Set(servers.KnotZone, owner, type);
            var actual = Set(Query(servers.DnsLb!.Port, owner, type), owner, type);
            if (!expected.SequenceEqual(actual))
                differences.Add($"{owner} {ResourceRecord.TypeName(type)}\n  knot:  {string.Join(' ', expected)}\n  dnslb: {string.Join(' ', actual)}");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void EveryOwnerAndType_QueriedFromBoth_GivesTheSameRData()
    {
        var differences = new List<string>();
        int compared = 0;
        foreach (var (owner, type) in Keys(servers.KnotZone))
        {
            if (type is RecordType.RRSIG or RecordType.NSEC3)
                continue;
            var theirs = Set(Query(servers.Knot!.Port, owner, type), owner, type);
            var ours = Set(Query(servers.DnsLb!.Port, owner, type), owner, type);
            compared++;
            if (theirs.Length == 0 || !theirs.SequenceEqual(ours))
                differences.Add($"{owner} {ResourceRecord.TypeName(type)}\n  knot:  {string.Join(' ', theirs)}\n  dnslb: {string.Join(' ', ours)}");
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.True(compared > 45, $"only {compared} owner/type pairs compared");
    }

    // What kdig and dig print for DnsLb's answers is what DnsLb prints for the same records. Each tool is
    // asked about the types whose presentation form DnsLb writes its way (dig splits long base64 and hex
    // into chunks, and kdig prints SVCB, LOC and CERT differently from BIND).
    [Theory]
    [InlineData("kdig", "txt", "TXT")]
    [InlineData("kdig", "hinfo", "HINFO")]
    [InlineData("kdig", "naptr", "NAPTR")]
    [InlineData("kdig", "@", "DNSKEY")]
    [InlineData("kdig", "@", "CDS")]
    [InlineData("kdig", "@", "RRSIG")]
    [InlineData("kdig", "@", "NSEC")]
    [InlineData("kdig", "@", "ZONEMD")]
    [InlineData("kdig", "@", "CSYNC")]
    [InlineData("kdig", "sub", "DS")]
    [InlineData("kdig", "sshfp", "SSHFP")]
    [InlineData("kdig", "_443._tcp.www", "TLSA")]
    [InlineData("kdig", "dhcid", "DHCID")]
    [InlineData("kdig", "openpgpkey", "OPENPGPKEY")]
    [InlineData("kdig", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "NSEC3")]
    [InlineData("kdig", "uri", "URI")]
    [InlineData("kdig", "gen", "TYPE65280")]
    [InlineData("dig", "svc3", "SVCB")]
    [InlineData("dig", "svc2", "HTTPS")]
    [InlineData("dig", "loc", "LOC")]
    [InlineData("dig", "cert", "CERT")]
    [InlineData("dig", "caa", "CAA")]
    [InlineData("dig", "rp", "RP")]
    [InlineData("dig", "@", "NSEC3PARAM")]
    public void Short_FromDnsLb_PrintsWhatDnsLbPrints(string tool, string owner, string type)
    {
        var path = ExternalTool.Require(tool, tool == "dig" ? "bind9-dnsutils" : "knot-dnsutils");
        string name = owner == "@" ? ZoneName + "." : $"{owner}.{ZoneName}.";
        var result = ExternalTool.Run(path, ["@127.0.0.1", "-p", servers.DnsLb!.Port.ToString(CultureInfo.InvariantCulture), "+tcp", "+short", name, type]);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var printed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);

        Assert.True(ZoneFileParser.TryParseType(type, out var recordType));
        var zone = ZoneLoader.LoadFile(TestPaths.TestZone("types.test.zone")).Zone!;
        var ours = zone.GetNode(DnsName.Parse(name))!.Find(recordType)!.Records.Select(r => r.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(ours, printed);
    }
}
