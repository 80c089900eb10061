using DnsLb.Answering;
using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Status;
using DnsLb.Status.Metrics;
using DnsLb.Status.Webhooks;

namespace DnsLb.Tests.Status.Metrics;

/// <summary>/metrics parses as Prometheus text and says what was counted: queries, latency, members, zones, forwarding.</summary>
public sealed class MetricsExpositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_CountsQueriesByTransportTypeAndRcode_AndTheHistogramAddsUp()
    {
        var metrics = new DnsMetrics();
        for (int i = 0; i < 5; i++)
            metrics.Answered(DnsTransport.Udp, RecordType.A, ResponseCode.NoError, TimeSpan.FromMicroseconds(40));
        metrics.Answered(DnsTransport.Tcp, RecordType.HTTPS, ResponseCode.NoError, TimeSpan.FromMilliseconds(3));
        metrics.Answered(DnsTransport.Udp, (RecordType)65280, ResponseCode.Refused, TimeSpan.FromSeconds(10));
        metrics.Answered(DnsTransport.Udp, RecordType.AAAA, (ResponseCode)11, TimeSpan.Zero);
        metrics.Dropped(DnsTransport.Udp);

        var families = PrometheusText.Parse(Render(new QueryMetricsSection(metrics)));
        Assert.Equal(5, PrometheusText.Value(families, "dnslb_queries_total", ("transport", "udp"), ("type", "A"), ("rcode", "NOERROR")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_queries_total", ("transport", "tcp"), ("type", "HTTPS"), ("rcode", "NOERROR")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_queries_total", ("transport", "udp"), ("type", "other"), ("rcode", "REFUSED")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_queries_total", ("transport", "udp"), ("type", "AAAA"), ("rcode", "other")));
        Assert.Equal(4, families["dnslb_queries_total"].Samples.Count);
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_queries_unanswered_total", ("transport", "udp")));

        Assert.Equal(8, PrometheusText.Value(families, "dnslb_answer_duration_seconds_count"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_answer_duration_seconds_bucket", ("le", "1e-05"))); // the zero
        Assert.Equal(6, PrometheusText.Value(families, "dnslb_answer_duration_seconds_bucket", ("le", "5e-05")));
        Assert.Equal(7, PrometheusText.Value(families, "dnslb_answer_duration_seconds_bucket", ("le", "0.005")));
        Assert.Equal(7, PrometheusText.Value(families, "dnslb_answer_duration_seconds_bucket", ("le", "2.5")));
        Assert.Equal(8, PrometheusText.Value(families, "dnslb_answer_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(10.0032, PrometheusText.Value(families, "dnslb_answer_duration_seconds_sum")!.Value, 9);
    }

    [Fact]
    public void Render_ReportsMembersPoolsAndZones_FromTheStatus()
    {
        var status = new FakeStatus(TimeProvider.System);
        status.Set(StatusSamples.Lab(Now));
        status.SetState(StatusSamples.Pool, "192.168.0.123", MemberState.Down, "connection refused", 0.25);
        status.Drain(StatusSamples.Pool, System.Net.IPAddress.Parse("192.168.0.122"), DrainSource.Api);

        var families = PrometheusText.Parse(Render(new StatusMetricsSection(status)));
        (string, string) pool = ("pool", StatusSamples.Pool);
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_member_up", pool, ("member", "192.168.0.121")));
        Assert.Equal(0, PrometheusText.Value(families, "dnslb_member_up", pool, ("member", "192.168.0.123")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_member_state", pool, ("member", "192.168.0.123"), ("state", "down")));
        Assert.Equal(0, PrometheusText.Value(families, "dnslb_member_state", pool, ("member", "192.168.0.123"), ("state", "up")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_member_state", ("pool", StatusSamples.SlowPool), ("member", "10.0.0.8"), ("state", "unknown")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_member_drained", pool, ("member", "192.168.0.122")));
        Assert.Equal(0, PrometheusText.Value(families, "dnslb_member_drained", pool, ("member", "192.168.0.121")));
        Assert.Equal(0.00025, PrometheusText.Value(families, "dnslb_probe_latency_seconds", pool, ("member", "192.168.0.123")));
        Assert.Null(PrometheusText.Value(families, "dnslb_probe_latency_seconds", ("pool", StatusSamples.SlowPool), ("member", "10.0.0.8")));
        Assert.Equal(2841, PrometheusText.Value(families, "dnslb_probe_results_total", pool, ("member", "192.168.0.121"), ("result", "ok")));
        Assert.Equal(3, PrometheusText.Value(families, "dnslb_probe_results_total", pool, ("member", "192.168.0.121"), ("result", "failed")));
        Assert.Equal(7.35, PrometheusText.Value(families, "dnslb_pool_failover_budget_seconds", pool));

        Assert.Equal(2026112104, PrometheusText.Value(families, "dnslb_zone_serial", ("zone", "example.com.")));
        Assert.Equal(27, PrometheusText.Value(families, "dnslb_zone_records", ("zone", "lab.home.arpa.")));
        Assert.Equal(4, PrometheusText.Value(families, "dnslb_zone_reloads_total", ("zone", "example.com.")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_zone_reload_failures_total", ("zone", "lab.home.arpa.")));
        Assert.Equal(Now.AddMinutes(-12).ToUnixTimeSeconds(), PrometheusText.Value(families, "dnslb_zone_last_reload_timestamp_seconds", ("zone", "example.com.")));
    }

    [Fact]
    public void Render_LabelValuesWithQuotesBackslashesAndLineFeeds_AreEscaped()
    {
        const string odd = "we\"ird\\zone\nname.";
        var status = new FakeStatus(TimeProvider.System);
        status.Set(new StatusSnapshot([new ZoneStatus(odd, 1, 2, "x.zone", Now, null, null, 1, 0)], []));
        var families = PrometheusText.Parse(Render(new StatusMetricsSection(status)));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_zone_serial", ("zone", odd)));
    }

    [Fact]
    public void Render_Forwarding_ReadsTheForwardingCounters()
    {
        var upstream = new UpstreamCounters("tls://127.0.0.1:853#dns.example");
        var counters = new ForwardingCounters([upstream]);
        counters.Forward();
        counters.Forward();
        counters.CacheHit();
        counters.CacheMiss();
        counters.StaleAnswer();
        counters.Failure();
        upstream.Query();
        upstream.Timeout();

        var families = PrometheusText.Parse(Render(new ForwardingMetricsSection(counters)));
        Assert.Equal(2, PrometheusText.Value(families, "dnslb_forwarded_total"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_forward_cache_hits_total"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_forward_cache_misses_total"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_forward_stale_answers_total"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_forward_failures_total"));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_upstream_timeouts_total", ("upstream", "tls://127.0.0.1:853#dns.example")));
    }

    [Fact]
    public async Task GetMetrics_FromTheEndpoint_IsPrometheusText_WithEverySection()
    {
        await using var status = await StatusHarness.StartAsync();
        var metrics = (DnsMetrics)status.Services.GetService(typeof(DnsMetrics))!;
        metrics.Answered(DnsTransport.Udp, RecordType.A, ResponseCode.NoError, TimeSpan.FromMicroseconds(80));
        status.Status.SetState(StatusSamples.Pool, "192.168.0.121", MemberState.Down, "timed out after 1000 ms", 1000);

        using var response = await status.Client.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var families = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_queries_total", ("transport", "udp"), ("type", "A"), ("rcode", "NOERROR")));
        Assert.Equal(1, PrometheusText.Value(families, "dnslb_answer_duration_seconds_count"));
        Assert.Equal(0, PrometheusText.Value(families, "dnslb_member_up", ("pool", StatusSamples.Pool), ("member", "192.168.0.121")));
        Assert.Equal(0, PrometheusText.Value(families, "dnslb_webhook_events_total", ("result", "dropped")));
        Assert.DoesNotContain("dnslb_forwarded_total", families.Keys); // no forwarder registered
    }

    private static string Render(IMetricsSection section) => new MetricsExposition([section]).Render();
}
