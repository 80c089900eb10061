using DnsLb.Status.Webhooks;

namespace DnsLb.Status.Metrics;

/// <summary>/metrics for the webhooks: events delivered, given up on, and dropped because a queue was full.</summary>
internal sealed class WebhookMetricsSection(WebhookCounters counters) : IMetricsSection
{
    public void WriteTo(PrometheusWriter writer)
    {
        writer.Family("dnslb_webhook_events_total", "counter", "Member events for the webhooks, by outcome: sent, failed (after retries) or dropped (queue full).");
        writer.Sample("dnslb_webhook_events_total", counters.Sent, ("result", "sent"));
        writer.Sample("dnslb_webhook_events_total", counters.Failed, ("result", "failed"));
        writer.Sample("dnslb_webhook_events_total", counters.Dropped, ("result", "dropped"));
    }
}
