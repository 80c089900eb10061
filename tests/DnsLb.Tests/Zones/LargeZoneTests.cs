using System.Text;
using DnsLb.Protocol;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Zones;

/// <summary>
/// Large zones load whole and right: thousands of records at one name, a generated zone of a hundred
/// thousand records, and the linear tree pass (empty non-terminals, what lies below a cut) checked against
/// a naive reading of random zones. Speed is the benchmark's business (bench/), never a test's.
/// </summary>
public sealed class LargeZoneTests
{
    private const string Head = "$ORIGIN big.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private static ZoneBuildResult Build(string text) =>
        ZoneBuilder.Build(ZoneFileParser.Parse("big.test.zone", text, null), "big.test.zone");

    private static Zone BuildOk(string text)
    {
        var result = Build(text);
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors.Take(5)));
        return result.Zone!;
    }

    private static string Address(int i) => $"127.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";

    [Fact]
    public void Build_TwoThousandAddressesAtOneName_KeepsEachOnceInFileOrder()
    {
        var text = new StringBuilder(Head);
        for (int i = 0; i < 2_000; i++)
            text.Append($"pool IN A {Address(i + 1)}\n");
        // Duplicates, some under another spelling of the owner, are one record each (RFC 2181 §5).
        for (int i = 0; i < 2_000; i += 4)
            text.Append($"{(i % 8 == 0 ? "POOL" : "pool.big.test.")} 60 IN A {Address(i + 1)}\n");
        var zone = BuildOk(text.ToString());

        var set = zone.GetNode(DnsName.Parse("pool.big.test."))!.Find(RecordType.A)!;
        Assert.Equal(Enumerable.Range(1, 2_000).Select(Address), set.Records.Select(r => r.ToString()));
        Assert.Equal(300u, set.Ttl);
        Assert.Equal(2_000 + 3, zone.RecordCount);
    }

    [Fact]
    public void Build_GeneratedZoneOfAHundredThousandRecords_HoldsEveryRecordAndName()
    {
        const int Hosts = 25_000;
        var text = new StringBuilder(Head);
        for (int i = 0; i < Hosts; i++)
        {
            text.Append($"h{i}.d{i % 500}.site IN A {Address(i)}\n");
            text.Append($"  IN AAAA fd00::{i:x}\n");
            text.Append($"  IN TXT \"host {i}\"\n");
            if (i % 100 == 0)
                text.Append($"sub{i} IN NS ns.sub{i}\nns.sub{i} IN A {Address(i)}\n");
            else
                text.Append($"  IN MX 10 h{i}.d{i % 500}.site\n");
        }
        var zone = BuildOk(text.ToString());

        int delegations = Hosts / 100;
        Assert.Equal(3 + Hosts * 4 + delegations, zone.RecordCount);
        // Nodes: apex, ns1, the hosts, 500 departments and "site" (empty non-terminals), the cuts and their glue.
        Assert.Equal(2 + Hosts + 500 + 1 + delegations * 2, zone.NodeCount);
        Assert.True(zone.GetNode(DnsName.Parse("d7.site.big.test."))!.IsEmpty);
        Assert.True(zone.GetNode(DnsName.Parse("site.big.test."))!.IsEmpty);
        Assert.NotNull(zone.GetNode(DnsName.Parse("sub200.big.test."))!.Delegation);
        Assert.Equal(["127.0.0.200"], zone.GetNode(DnsName.Parse("ns.sub200.big.test."))!.Find(RecordType.A)!.Records.Select(r => r.ToString()));
        var host = zone.GetNode(DnsName.Parse("h24999.d499.site.big.test."))!;
        Assert.Equal(["\"host 24999\""], host.Find(RecordType.TXT)!.Records.Select(r => r.ToString()));
        Assert.Equal(["10 h24999.d499.site.big.test."], host.Find(RecordType.MX)!.Records.Select(r => r.ToString()));
    }

    /// <summary>Random names three labels deep at most, records of a few types, delegations among them.</summary>
    private static List<(string Owner, string Type)> RandomRecords(int seed, bool withDelegations)
    {
        var random = new Random(seed);
        string[] labels = ["a", "b", "c", "d", "e"];
        var records = new List<(string, string)>();
        for (int k = 0; k < 600; k++)
        {
            int depth = random.Next(1, 4);
            var owner = string.Join('.', Enumerable.Range(0, depth).Select(_ => labels[random.Next(labels.Length)]));
            int pick = random.Next(10);
            string type = pick < 4 ? "A" : pick < 6 ? "AAAA" : pick < 8 || !withDelegations ? "TXT" : "NS";
            records.Add((owner, type));
        }
        return records;
    }

    private static string ZoneText(List<(string Owner, string Type)> records)
    {
        var text = new StringBuilder(Head);
        foreach (var (owner, type) in records)
        {
            text.Append(owner).Append(" IN ").Append(type).Append(' ').Append(type switch
            {
                "A" => "127.0.0.9",
                "AAAA" => "::1",
                "TXT" => "\"x\"",
                _ => "ns1.big.test.",
            }).Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<string> Ancestors(string name)
    {
        for (int dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.', dot + 1))
            yield return name[(dot + 1)..];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_RandomZone_HasTheEmptyNonTerminalsANaiveWalkFinds(int seed)
    {
        var records = RandomRecords(seed, withDelegations: false);
        var zone = BuildOk(ZoneText(records));

        var owners = records.Select(r => r.Owner).Append("ns1").ToHashSet();
        var expected = owners.Concat(owners.SelectMany(Ancestors)).Select(n => n + ".big.test.").Append("big.test.").ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), zone.Nodes.Select(n => n.Name.ToString()).Order(StringComparer.Ordinal));
        foreach (var node in zone.Nodes)
            Assert.Equal(!owners.Contains(node.Name.ToString().Replace(".big.test.", "")) && !node.IsApex, node.IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Build_RandomZoneWithDelegations_FlagsExactlyWhatANaiveCheckFlags(int seed)
    {
        var records = RandomRecords(seed, withDelegations: true);
        var cuts = records.Where(r => r.Type == "NS").Select(r => r.Owner).ToHashSet();
        var expectedLines = records
            .Select((record, index) => (record, Line: index + 6))
            .Where(r => Ancestors(r.record.Owner).Any(cuts.Contains) && r.record.Type is not ("A" or "AAAA"))
            .Select(r => r.Line)
            .ToList();

        var result = Build(ZoneText(records));
        var flagged = result.Errors.Where(e => e.Contains("below the delegation", StringComparison.Ordinal))
            .Select(e => int.Parse(e.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(expectedLines, flagged);
        Assert.Equal(expectedLines.Count, result.Errors.Count);
        Assert.Equal(expectedLines.Count == 0, result.Zone is not null);
    }

    [Fact]
    public void Build_NestedDelegation_IsReportedAgainstTheTopmostCut()
    {
        var result = Build(Head + "sub IN NS ns1.big.test.\ndeeper.sub IN NS ns1.big.test.\nhost.deeper.sub IN A 127.0.0.2\n");
        Assert.Equal(["big.test.zone:7: NS at deeper.sub.big.test. is below the delegation at sub.big.test.; only glue (A, AAAA) may be there"], result.Errors);
    }
}
