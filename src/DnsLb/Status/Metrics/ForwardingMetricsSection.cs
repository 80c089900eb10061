using DnsLb.Forwarding;

namespace DnsLb.Status.Metrics;

/// <summary>/metrics for forwarding (names outside every zone): questions sent upstream, cache use, failures, per upstream.</summary>
internal sealed class ForwardingMetricsSection(ForwardingCounters counters) : IMetricsSection
{
    public void WriteTo(PrometheusWriter writer)
    {
        Counter(writer, "dnslb_forwarded_total", "Questions sent upstream (one per group of identical concurrent misses).", counters.Forwarded);
        Counter(writer, "dnslb_forward_cache_hits_total", "Forwarded-name queries answered from the cache while fresh.", counters.CacheHits);
        Counter(writer, "dnslb_forward_cache_misses_total", "Forwarded-name queries the cache could not answer.", counters.CacheMisses);
        Counter(writer, "dnslb_forward_stale_answers_total", "Expired answers served because every upstream failed (RFC 8767).", counters.StaleAnswers);
        Counter(writer, "dnslb_forward_failures_total", "Questions answered SERVFAIL because every upstream failed.", counters.Failures);
        Counter(writer, "dnslb_forward_coalesced_total", "Queries that joined an identical question already on its way upstream.", counters.Coalesced);
        Counter(writer, "dnslb_forward_local_answers_total", "Queries answered locally, never forwarded (private reverse zones, single-label names).", counters.LocalAnswers);

        writer.Family("dnslb_upstream_queries_total", "counter", "Attempts sent to each upstream resolver.");
        foreach (var upstream in counters.Upstreams)
            writer.Sample("dnslb_upstream_queries_total", upstream.Queries, ("upstream", upstream.Upstream));
        writer.Family("dnslb_upstream_failures_total", "counter", "Attempts that failed, per upstream (SERVFAIL, REFUSED, unreadable, network error).");
        foreach (var upstream in counters.Upstreams)
            writer.Sample("dnslb_upstream_failures_total", upstream.Failures, ("upstream", upstream.Upstream));
        writer.Family("dnslb_upstream_timeouts_total", "counter", "Attempts an upstream left unanswered past the attempt timeout.");
        foreach (var upstream in counters.Upstreams)
            writer.Sample("dnslb_upstream_timeouts_total", upstream.Timeouts, ("upstream", upstream.Upstream));
    }

    private static void Counter(PrometheusWriter writer, string name, string help, long value)
    {
        writer.Family(name, "counter", help);
        writer.Sample(name, value);
    }
}
