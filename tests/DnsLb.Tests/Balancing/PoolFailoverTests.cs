using DnsLb.Protocol;
using DnsLb.Tests.Support;
using HealthProbe.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// Real web nodes on 127.0.0.11–13 and DnsLb on an ephemeral port: a killed node leaves the answers, a
/// restarted one comes back, and with every node down the WhenAllDown policy decides.
/// </summary>
public sealed class PoolFailoverTests
{
    private const string Pool = "twopir.example.com";

    private static string ZoneText(string extra = "") => TestZones.Header + """
        twopir 5 IN A 127.0.0.11
        twopir 5 IN A 127.0.0.12
        twopir 5 IN A 127.0.0.13
        www IN CNAME twopir
        static IN A 127.0.0.20
        static IN A 127.0.0.21

        """ + extra;

    private static Task<TestServer> StartAsync(Backends backends, string zone, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            [$"Pools:{Pool}:Probe:Kind"] = "Http",
            [$"Pools:{Pool}:Probe:Port"] = backends.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Fast probing keeps the tests short; the behaviour is the same as with the defaults.
            [$"Pools:{Pool}:IntervalMs"] = "200",
            [$"Pools:{Pool}:RecheckMs"] = "50",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        return TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = zone }, all);
    }

    private static string[] Addresses(DnsMessage answer) =>
        [.. answer.Answers.Where(a => a.Type is RecordType.A or RecordType.AAAA).Select(a => a.Data.ToString()).Order()];

    private static string[] Udp(TestServer server, string name = Pool + ".", RecordType type = RecordType.A) =>
        Addresses(DnsTestClient.Udp(server.Port, name, type));

    private static string[] Tcp(TestServer server, string name = Pool + ".", RecordType type = RecordType.A) =>
        Addresses(DnsTestClient.Tcp(server.Port, name, type));

    [Fact]
    public async Task KilledNode_LeavesTheAnswers_AndComesBack_WhenRestarted()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText());
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Udp(server));

        backends["127.0.0.12"].Stop();
        await Eventually.True(() => Udp(server).SequenceEqual(["127.0.0.11", "127.0.0.13"]), "127.0.0.12 gone over UDP");
        Assert.Equal(["127.0.0.11", "127.0.0.13"], Tcp(server));
        Assert.Equal(["127.0.0.11", "127.0.0.13"], Udp(server, "www.example.com.")); // through the CNAME too

        backends["127.0.0.12"].Start();
        await Eventually.True(() => Udp(server).Length == 3, "127.0.0.12 back");
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Tcp(server));
    }

    [Fact]
    public async Task AllDown_DefaultPolicy_AnswersEveryNode()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText());
        var registry = server.Services.GetRequiredService<HealthRegistry>();

        foreach (var node in backends.Nodes)
            node.Stop();
        await Eventually.True(() => registry.Snapshot().All(t => !t.IsServable), "every node down");

        var answer = DnsTestClient.Udp(server.Port, Pool + ".", RecordType.A);
        Assert.Equal(0, answer.ResponseCode);
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Addresses(answer));
    }

    [Fact]
    public async Task AllDown_PolicyNone_AnswersNoData()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText(), ($"Pools:{Pool}:WhenAllDown", "None"));

        foreach (var node in backends.Nodes)
            node.Stop();
        await Eventually.True(() => Udp(server).Length == 0, "empty answer");

        var answer = DnsTestClient.Udp(server.Port, Pool + ".", RecordType.A);
        Assert.Equal(0, answer.ResponseCode);
        Assert.True(answer.Header.IsAuthoritative);
        Assert.Equal(RecordType.SOA, Assert.Single(answer.Authorities).Type);
    }

    [Fact]
    public async Task AllDown_PolicyServFail_AnswersServFail()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText(), ($"Pools:{Pool}:WhenAllDown", "ServFail"));

        foreach (var node in backends.Nodes)
            node.Stop();
        await Eventually.True(() => DnsTestClient.Udp(server.Port, Pool + ".", RecordType.A).ResponseCode == (int)ResponseCode.ServFail, "SERVFAIL");
        Assert.Equal((int)ResponseCode.ServFail, DnsTestClient.Tcp(server.Port, Pool + ".", RecordType.A).ResponseCode);

        backends["127.0.0.13"].Start();
        await Eventually.True(() => Udp(server).SequenceEqual(["127.0.0.13"]), "the recovered node alone");
    }

    [Fact]
    public async Task AAndAaaa_AreJudgedSeparately()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13", "::1");
        await using var server = await StartAsync(backends, ZoneText("twopir 5 IN AAAA ::1\n"), ($"Pools:{Pool}:WhenAllDown", "None"));
        Assert.Equal(["::1"], Udp(server, type: RecordType.AAAA));

        backends["::1"].Stop();
        await Eventually.True(() => Udp(server, type: RecordType.AAAA).Length == 0, "AAAA empty");
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Udp(server));
    }

    [Fact]
    public async Task ProbingStartsWithTheServer_BeforeAnyQuery()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText());
        var registry = server.Services.GetRequiredService<HealthRegistry>();
        await Eventually.True(() => registry.Snapshot().Count == 3 && registry.Snapshot().All(t => t.Health.Checks > 0), "every node probed without a query");
    }

    [Fact]
    public async Task NamesThatAreNotPools_KeepZoneOrder()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends, ZoneText());
        for (int i = 0; i < 20; i++)
        {
            var answer = DnsTestClient.Udp(server.Port, "static.example.com.", RecordType.A);
            Assert.Equal(["127.0.0.20", "127.0.0.21"], answer.Answers.Select(a => a.Data.ToString()));
        }
    }
}
