using DnsLb.Protocol;
using DnsLb.Status;
using DnsLb.Tests.Status.Metrics;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// GET /api/status and GET /metrics of a running DnsLb whose pool has real web nodes: a member goes down
/// (its web node stopped) and comes back, and both follow it, as do the zones' reloads.
/// </summary>
public sealed class LiveStatusApiTests
{
    private const string Dead = "127.0.0.12";

    private static double? Value(Dictionary<string, PrometheusText.Family> metrics, string name, params (string, string)[] labels) =>
        PrometheusText.Value(metrics, name, labels);

    [Fact]
    public async Task ApiAndMetrics_FollowAMemberGoingDownAndComingBack()
    {
        await using var live = await LiveServer.StartAsync();
        await live.WaitAllUpAsync();

        var status = await live.StatusAsync();
        var zone = Assert.Single(status.Zones);
        Assert.Equal(("example.com.", 2026112101u, 1L, 0L), (zone.Name, zone.Serial, zone.Reloads, zone.ReloadFailures));
        Assert.NotNull(zone.LastReload);
        Assert.Null(zone.LastError);
        Assert.EndsWith("example.com.zone", zone.SourceFile);
        var pool = Assert.Single(status.Pools);
        Assert.Equal((LiveServer.Pool, 1), (pool.Name, pool.TtlSeconds));
        Assert.Contains("HTTP GET", pool.Probe);
        Assert.Equal(new ProbeTiming(200, 1000, 50, 2, 2), pool.Timing);
        Assert.Equal(LiveServer.Members, pool.Members.Select(m => m.Address));
        Assert.All(pool.Members, m =>
        {
            Assert.Equal(MemberState.Up, m.State);
            Assert.Equal(ProbeVerdict.Ok, m.LastProbe?.Result);
            Assert.Equal("HTTP 200", m.LastProbe?.Reason);
            Assert.False(m.Drained);
            Assert.Null(m.OutOfAnswersSince);
            Assert.False(m.SafeToStop);
            Assert.Equal(MemberState.Up, m.Transitions[0].To);
        });

        live.Backends[Dead].Stop();
        var down = await live.WaitForStateAsync(Dead, MemberState.Down);
        Assert.Equal(ProbeVerdict.Failed, down.LastProbe?.Result);
        Assert.Equal("connection refused", down.LastProbe?.Reason);
        Assert.True(down.LastProbe!.LatencyMs >= 0);
        Assert.Equal((MemberState.Up, MemberState.Down, "connection refused"), (down.Transitions[0].From, down.Transitions[0].To, down.Transitions[0].Reason));
        Assert.Equal(down.Transitions[0].At, down.LastChange);
        Assert.NotNull(down.OutOfAnswersSince);
        Assert.True(down.ProbesFailed >= 2);
        await live.WaitForAnswersAsync(["127.0.0.11", "127.0.0.13"], $"{Dead} down");

        var metrics = await live.MetricsAsync();
        (string, string) pooled = ("pool", LiveServer.Pool);
        Assert.Equal(0, Value(metrics, "dnslb_member_up", pooled, ("member", Dead)));
        Assert.Equal(1, Value(metrics, "dnslb_member_up", pooled, ("member", "127.0.0.11")));
        Assert.Equal(1, Value(metrics, "dnslb_member_state", pooled, ("member", Dead), ("state", "down")));
        Assert.Equal(0, Value(metrics, "dnslb_member_state", pooled, ("member", Dead), ("state", "up")));
        Assert.Equal(0, Value(metrics, "dnslb_member_drained", pooled, ("member", Dead)));
        Assert.True(Value(metrics, "dnslb_probe_results_total", pooled, ("member", Dead), ("result", "failed")) >= 2);
        Assert.True(Value(metrics, "dnslb_probe_results_total", pooled, ("member", "127.0.0.11"), ("result", "ok")) >= 2);
        Assert.NotNull(Value(metrics, "dnslb_probe_latency_seconds", pooled, ("member", Dead)));
        Assert.NotNull(Value(metrics, "dnslb_pool_failover_budget_seconds", pooled));
        Assert.Equal(1, Value(metrics, "dnslb_zone_reloads_total", ("zone", "example.com.")));
        Assert.Equal(0, Value(metrics, "dnslb_zone_reload_failures_total", ("zone", "example.com.")));
        Assert.Equal(2026112101, Value(metrics, "dnslb_zone_serial", ("zone", "example.com.")));
        Assert.True(Value(metrics, "dnslb_queries_total", ("transport", "udp"), ("type", "A"), ("rcode", "NOERROR")) > 0);
        Assert.True(Value(metrics, "dnslb_answer_duration_seconds_count") > 0);

        live.Backends[Dead].Start();
        var up = await live.WaitForStateAsync(Dead, MemberState.Up);
        Assert.Equal([MemberState.Up, MemberState.Down, MemberState.Up], up.Transitions.Take(3).Select(t => t.To));
        Assert.Null(up.OutOfAnswersSince);
        await live.WaitForAnswersAsync(LiveServer.Members, $"{Dead} up again");
        Assert.Equal(1, Value(await live.MetricsAsync(), "dnslb_member_up", pooled, ("member", Dead)));
    }

    [Fact]
    public async Task Api_BrokenZoneEdit_ShowsTheErrorWhileTheLastGoodVersionServes_AndTheFixClearsIt()
    {
        await using var live = await LiveServer.StartAsync();
        var file = live.Server.ZoneFile("example.com.zone");
        var loaded = Assert.Single((await live.StatusAsync()).Zones);

        await File.WriteAllTextAsync(file, LiveServer.Zone + "broken IN A 300.1.2.3\n");
        var broken = Assert.Single((await live.WaitForStatusAsync(s => s.Zones.Single().LastError is not null, "the reload error shown")).Zones);
        Assert.Contains("example.com.zone:", broken.LastError);
        Assert.NotNull(broken.LastErrorAt);
        Assert.Equal((loaded.Serial, loaded.Records, loaded.LastReload, 1L, 1L), (broken.Serial, broken.Records, broken.LastReload, broken.Reloads, broken.ReloadFailures));
        var metrics = await live.MetricsAsync();
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_zone_reload_failures_total", ("zone", "example.com.")));

        await File.WriteAllTextAsync(file, LiveServer.Zone.Replace("2026112101", "2026112102", StringComparison.Ordinal) + "extra IN A 127.0.0.99\n");
        var fixedZone = Assert.Single((await live.WaitForStatusAsync(s => s.Zones.Single().Serial == 2026112102, "the fixed zone served")).Zones);
        Assert.Null(fixedZone.LastError);
        Assert.Null(fixedZone.LastErrorAt);
        Assert.Equal((loaded.Records + 1, 2L, 1L), (fixedZone.Records, fixedZone.Reloads, fixedZone.ReloadFailures));
        Assert.True(fixedZone.LastReload > loaded.LastReload);
        Assert.Equal(2, PrometheusText.Value(await live.MetricsAsync(), "dnslb_zone_reloads_total", ("zone", "example.com.")));
    }

    [Fact]
    public async Task Api_ZoneFileThatNeverLoaded_IsListedWithItsError()
    {
        await using var live = await LiveServer.StartAsync();
        await File.WriteAllTextAsync(live.Server.ZoneFile("broken.test.zone"), "$ORIGIN broken.test.\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN A nope\n");
        var broken = (await live.WaitForStatusAsync(s => s.Zones.Count == 2, "the broken file listed")).Zones.Single(z => z.Name == "broken.test.");
        Assert.Equal((0u, 0, (DateTimeOffset?)null, 0L, 1L), (broken.Serial, broken.Records, broken.LastReload, broken.Reloads, broken.ReloadFailures));
        Assert.Matches(@"broken\.test\.zone:\d+: ", broken.LastError);
        Assert.Equal(5, DnsTestClient.Udp(live.Server.Port, "broken.test.", RecordType.SOA).ResponseCode); // not served: REFUSED
    }
}
