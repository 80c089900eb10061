using DnsLb.Protocol;
using DnsLb.Tests.Forwarding;
using DnsLb.Tests.Status.Metrics;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// /metrics counts the queries a running DnsLb answers, by transport, type and rcode, with the answer
/// latency histogram; messages left unanswered; forwarded queries once their answer is sent, and the
/// forwarder's own counters.
/// </summary>
public sealed class QueryMetricsTests
{
    private static double Count(Dictionary<string, PrometheusText.Family> metrics, string transport, string type, string rcode) =>
        PrometheusText.Value(metrics, "dnslb_queries_total", ("transport", transport), ("type", type), ("rcode", rcode)) ?? 0;

    [Fact]
    public async Task Metrics_CountEveryQueryByTransportTypeAndRcode_AndTheLatencyOfEach()
    {
        await using var live = await LiveServer.StartAsync();
        int port = live.Server.Port;
        for (int i = 0; i < 3; i++)
            DnsTestClient.Udp(port, "twopir.example.com.", RecordType.A);
        DnsTestClient.Tcp(port, "twopir.example.com.", RecordType.AAAA);
        DnsTestClient.Tcp(port, "example.com.", RecordType.MX);
        DnsTestClient.Udp(port, "nope.example.com.", RecordType.TXT);
        DnsTestClient.Udp(port, "elsewhere.test.", RecordType.A); // no zone, no forwarding
        DnsTestClient.Udp(port, "example.com.", (RecordType)65280);
        var notify = DnsMessage.Query("example.com.", RecordType.SOA, 9);
        notify.Header.OpCode = OpCode.Notify;
        DnsTestClient.Udp(port, notify);
        var response = DnsMessage.Query("example.com.", RecordType.SOA, 10);
        response.Header.IsResponse = true;
        Assert.Null(DnsTestClient.TryUdpRaw(port, response.Encode(), TimeSpan.FromMilliseconds(300)));

        var metrics = await live.WaitForMetricsAsync(m => PrometheusText.Value(m, "dnslb_queries_unanswered_total", ("transport", "udp")) > 0, "the response counted as unanswered");
        Assert.Equal(3, Count(metrics, "udp", "A", "NOERROR"));
        Assert.Equal(1, Count(metrics, "tcp", "AAAA", "NOERROR"));
        Assert.Equal(1, Count(metrics, "tcp", "MX", "NOERROR"));
        Assert.Equal(1, Count(metrics, "udp", "TXT", "NXDOMAIN"));
        Assert.Equal(1, Count(metrics, "udp", "A", "REFUSED"));
        Assert.Equal(1, Count(metrics, "udp", "other", "NOERROR"));
        Assert.Equal(1, Count(metrics, "udp", "SOA", "NOTAUTH")); // a NOTIFY for a zone that is no secondary zone here
        Assert.Equal(9, metrics["dnslb_queries_total"].Samples.Sum(s => s.Value));
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_queries_unanswered_total", ("transport", "udp")));
        Assert.Equal(0, PrometheusText.Value(metrics, "dnslb_queries_unanswered_total", ("transport", "tcp")));
        Assert.Equal(9, PrometheusText.Value(metrics, "dnslb_answer_duration_seconds_count"));
        Assert.Equal(9, PrometheusText.Value(metrics, "dnslb_answer_duration_seconds_bucket", ("le", "+Inf")));
        Assert.True(PrometheusText.Value(metrics, "dnslb_answer_duration_seconds_sum") > 0);
        Assert.DoesNotContain("dnslb_forwarded_total", metrics.Keys); // forwarding is off
    }

    [Fact]
    public async Task Metrics_CountAForwardedQuery_WhenItsAnswerIsSent_AndTheCacheHitAfterIt()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("far.upstream.example.", "127.0.0.70", ttl: 3600);
        await using var live = await LiveServer.StartAsync(new Dictionary<string, string?>
        {
            ["Forwarding:Upstreams:0"] = upstream.Endpoint,
            ["Forwarding:AttemptTimeoutMs"] = "10000",
            ["Forwarding:TimeoutMs"] = "30000",
        });
        var query = DnsMessage.Query("far.upstream.example.", RecordType.A, 1, 1232, recursionDesired: true);
        Assert.Single(DnsTestClient.Udp(live.Server.Port, query).Answers);
        await live.WaitForMetricsAsync(m => Count(m, "udp", "A", "NOERROR") == 1, "the forwarded query counted");
        Assert.Single(DnsTestClient.Tcp(live.Server.Port, query).Answers); // from the cache

        var metrics = await live.MetricsAsync();
        Assert.Equal(1, Count(metrics, "tcp", "A", "NOERROR"));
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_forwarded_total"));
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_forward_cache_hits_total"));
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_forward_cache_misses_total"));
        Assert.Equal(1, PrometheusText.Value(metrics, "dnslb_upstream_queries_total", ("upstream", upstream.Endpoint)));
    }
}
