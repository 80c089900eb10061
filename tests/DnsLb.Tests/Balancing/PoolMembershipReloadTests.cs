using System.Globalization;
using System.Net;
using DnsLb.Balancing;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using HealthProbe.Registry;
using HealthProbe.State;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// A pool's members follow its zone file while DnsLb runs: a node added by a new line is probed at once and
/// answered until its probes say otherwise; a node whose line is removed leaves the answers and is no longer
/// probed; a node whose line stays keeps its health across reloads. Real web nodes on 127.0.0.11–14.
/// </summary>
public sealed class PoolMembershipReloadTests
{
    private const string Pool = "twopir.example.com";

    private static string ZoneText(uint serial, params string[] nodes) =>
        TestZones.Header.Replace(" 1 3600 ", $" {serial} 3600 ", StringComparison.Ordinal)
        + string.Concat(nodes.Select(n => $"twopir 5 IN A {n}\n")) + "www IN CNAME twopir\n";

    private static Task<TestServer> StartAsync(int port, string zone, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            [$"Pools:{Pool}:Probe:Kind"] = "Http",
            [$"Pools:{Pool}:Probe:Port"] = port.ToString(CultureInfo.InvariantCulture),
            [$"Pools:{Pool}:IntervalMs"] = "200",
            [$"Pools:{Pool}:RecheckMs"] = "50",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        return TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = zone }, all);
    }

    private static string[] Answer(TestServer server) =>
        [.. DnsTestClient.Udp(server.Port, Pool + ".", RecordType.A).Answers.Select(a => a.Data.ToString()).Order(StringComparer.Ordinal)];

    private static Task Write(TestServer server, string zone) => File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), zone);

    private static HealthTarget? Target(TestServer server, string address) =>
        server.Services.GetRequiredService<HealthRegistry>().TryGet(Pool, IPAddress.Parse(address), out var target) ? target : null;

    [Fact]
    public async Task AddedNode_IsProbedAtOnce_AndAnsweredUntilItsProbesSayOtherwise()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12");
        // An hour between probes and ten minutes to time out: the new node's first probe can only come from
        // its being added, and until the node is cut off its probes (the first and its confirmation) hang, so
        // it stays unjudged (Unknown).
        await using var server = await StartAsync(backends.Port, ZoneText(1, "127.0.0.11", "127.0.0.12"),
            ($"Pools:{Pool}:IntervalMs", "3600000"), ($"Pools:{Pool}:TimeoutMs", "600000"));
        Assert.Equal(["127.0.0.11", "127.0.0.12"], Answer(server));
        using var frozen = new FrozenNode(IPAddress.Parse("127.0.0.14"), backends.Port);

        await Write(server, ZoneText(2, "127.0.0.11", "127.0.0.12", "127.0.0.14"));
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.12", "127.0.0.14"]), "the new node answered");
        await Eventually.True(() => frozen.Connections > 0, "the new node probed");
        Assert.Equal(HealthState.Unknown, Target(server, "127.0.0.14")!.Health.State);
        Assert.True(server.Log.Contains($"INF pool {Pool}: node 127.0.0.14 added; probed now, and answered until its probes say otherwise"));

        // The node goes away: its unfinished probe fails, the next is refused, and it leaves the answers.
        frozen.Dispose();
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.12"]), "the dead new node excluded");
    }

    [Fact]
    public async Task RemovedNode_LeavesTheAnswers_AndIsNoLongerProbed()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends.Port, ZoneText(1, "127.0.0.11", "127.0.0.12", "127.0.0.13"));
        await Eventually.True(() => backends["127.0.0.13"].Requests > 0, "127.0.0.13 probed");

        await Write(server, ZoneText(2, "127.0.0.11", "127.0.0.12"));
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.12"]), "127.0.0.13 gone from the answers");
        int removedAt = backends["127.0.0.13"].Requests;
        int keptAt = backends["127.0.0.11"].Requests;
        Assert.Null(Target(server, "127.0.0.13"));

        // Several probes of a kept node later, the removed one got none (one already under way may land).
        await Eventually.True(() => backends["127.0.0.11"].Requests >= keptAt + 5, "127.0.0.11 probed on");
        Assert.InRange(backends["127.0.0.13"].Requests, removedAt, removedAt + 1);
        Assert.True(server.Log.Contains($"INF pool {Pool}: node 127.0.0.13 removed; no longer answered or probed"));
    }

    [Fact]
    public async Task KeptNode_KeepsItsHealthAndItsMember_AcrossReloads()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends.Port, ZoneText(1, "127.0.0.11", "127.0.0.12", "127.0.0.13"));
        backends["127.0.0.12"].Stop();
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.13"]), "127.0.0.12 excluded");
        var target = Target(server, "127.0.0.12")!;
        var before = Members(server.Snapshot);

        await Write(server, ZoneText(2, "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14") + "marker IN A 127.0.0.99\n");
        await Eventually.True(() => DnsTestClient.Udp(server.Port, "marker.example.com.", RecordType.A).Answers.Count == 1, "the new version served");

        // Right after the reload, a down node is still down: it was not reset to "not yet probed" (servable).
        Assert.DoesNotContain("127.0.0.12", Answer(server));
        Assert.Same(target, Target(server, "127.0.0.12"));
        Assert.Equal(HealthState.Down, target.Health.State);
        var after = Members(server.Snapshot);
        foreach (var address in new[] { "127.0.0.11", "127.0.0.12", "127.0.0.13" })
            Assert.Same(before[address], after[address]);
    }

    /// <summary>The pool's members in a snapshot's plans, by address.</summary>
    private static Dictionary<string, PoolMember> Members(DnsLb.Serving.ServingSnapshot snapshot) =>
        ((PoolAddressSelector)snapshot.Addresses).Plans.Values.SelectMany(p => p.Members).DistinctBy(m => m.Address).ToDictionary(m => m.Address.ToString());
}
