using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;
using HealthProbe.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// A pool's addresses go through its selection wherever DnsLb writes them: the answer (directly, through a
/// CNAME, through a DNAME, for ANY), and the additional section (MX, SRV and NS targets, a referral's sibling
/// glue, a referral's in-domain glue). Real web nodes on 127.0.0.11–13; one is killed, or all are.
/// </summary>
public sealed class PoolEverySectionTests
{
    private const string Dead = "127.0.0.12";

    private static readonly string[] Members = ["127.0.0.11", "127.0.0.12", "127.0.0.13"];

    private static readonly string[] Pools = ["twopir.example.com", "ns.deleg.example.com"];

    private const string Zone = """
        $ORIGIN example.com.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        @ IN NS twopir
        ns1 IN A 127.0.0.1
        twopir 5 IN A 127.0.0.11
        twopir 5 IN A 127.0.0.12
        twopir 5 IN A 127.0.0.13
        www IN CNAME twopir
        alias IN DNAME example.com.
        @ IN MX 10 twopir
        _http._tcp IN SRV 0 0 80 twopir
        sib IN NS twopir
        deleg IN NS ns.deleg
        ns.deleg 5 IN A 127.0.0.11
        ns.deleg 5 IN A 127.0.0.12
        ns.deleg 5 IN A 127.0.0.13

        """;

    /// <summary>Every query that can carry a pool's addresses, and where they must then be.</summary>
    private static readonly (string Name, RecordType Type, MessageSection Section)[] Queries =
    [
        ("twopir.example.com.", RecordType.A, MessageSection.Answer),
        ("twopir.example.com.", RecordType.ANY, MessageSection.Answer),
        ("www.example.com.", RecordType.A, MessageSection.Answer),
        ("twopir.alias.example.com.", RecordType.A, MessageSection.Answer),
        ("example.com.", RecordType.MX, MessageSection.Additional),
        ("_http._tcp.example.com.", RecordType.SRV, MessageSection.Additional),
        ("example.com.", RecordType.NS, MessageSection.Additional),
        ("www.sib.example.com.", RecordType.A, MessageSection.Additional),
        ("www.deleg.example.com.", RecordType.A, MessageSection.Additional),
        ("ns.deleg.example.com.", RecordType.A, MessageSection.Additional),
    ];

    private static async Task<TestServer> StartAsync(Backends backends, string whenAllDown)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var pool in Pools)
        {
            settings[$"Pools:{pool}:Probe:Kind"] = "Http";
            settings[$"Pools:{pool}:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture);
            settings[$"Pools:{pool}:IntervalMs"] = "200";
            settings[$"Pools:{pool}:RecheckMs"] = "50";
            settings[$"Pools:{pool}:WhenAllDown"] = whenAllDown;
        }
        return await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = Zone }, settings);
    }

    private static IEnumerable<ResourceRecord> Section(DnsMessage answer, MessageSection section) => section switch
    {
        MessageSection.Answer => answer.Answers,
        MessageSection.Authority => answer.Authorities,
        _ => answer.Additionals,
    };

    /// <summary>The pool members' addresses in one section of a response.</summary>
    private static string[] PoolAddresses(DnsMessage answer, MessageSection section) =>
        [.. Section(answer, section).Where(r => r.Data is AddressData).Select(r => r.Data.ToString()).Where(Members.Contains).Distinct().Order()];

    private static IEnumerable<(string Query, DnsMessage Answer, MessageSection Expected)> AskAll(TestServer server)
    {
        foreach (var (name, type, section) in Queries)
        {
            yield return ($"{name} {type} over UDP", DnsTestClient.Udp(server.Port, name, type), section);
            yield return ($"{name} {type} over TCP", DnsTestClient.Tcp(server.Port, name, type), section);
        }
    }

    private static Task EveryPoolNodeIs(TestServer server, Func<HealthTarget, bool> condition, string what)
    {
        var registry = server.Services.GetRequiredService<HealthRegistry>();
        return Eventually.True(() => registry.Snapshot().Count(t => Pools.Contains(t.Group) && condition(t)) == 6, what);
    }

    [Fact]
    public async Task KilledNode_IsInNoSection_OfAnyAnswerThatCarriesThePool()
    {
        using var backends = Backends.Start(Members);
        await using var server = await StartAsync(backends, "All");
        foreach (var (query, answer, expected) in AskAll(server))
            Assert.True(PoolAddresses(answer, expected).SequenceEqual(Members), $"{query}: every node while all are up");

        backends[Dead].Stop();
        await EveryPoolNodeIs(server, t => t.IsServable == (t.Address.ToString() != Dead), $"{Dead} down in both pools");

        foreach (var (query, answer, expected) in AskAll(server))
        {
            Assert.Equal(0, answer.ResponseCode);
            foreach (var section in new[] { MessageSection.Answer, MessageSection.Authority, MessageSection.Additional })
            {
                var found = PoolAddresses(answer, section);
                Assert.False(found.Contains(Dead), $"{query}: the dead node in the {section} section");
                if (section == expected)
                    Assert.True(found.SequenceEqual(["127.0.0.11", "127.0.0.13"]), $"{query}: {section} holds [{string.Join(", ", found)}]");
            }
        }
    }

    [Fact]
    public async Task AllDown_PolicyNone_LeavesThePoolOutOfTheAdditionalSection_AndTheAnswersStand()
    {
        using var backends = Backends.Start(Members);
        await using var server = await StartAsync(backends, "None");
        foreach (var node in backends.Nodes)
            node.Stop();
        await EveryPoolNodeIs(server, t => !t.IsServable, "every node down");

        foreach (var (query, answer, expected) in AskAll(server))
        {
            Assert.Equal(0, answer.ResponseCode);
            Assert.True(PoolAddresses(answer, MessageSection.Answer).Length == 0, $"{query}: an address in the answer");
            Assert.True(PoolAddresses(answer, MessageSection.Additional).Length == 0, $"{query}: an address in the additional section");
            if (expected == MessageSection.Additional)
                Assert.True(answer.Answers.Count + answer.Authorities.Count > 0, $"{query}: the records that name the pool are still answered");
        }
    }
}
