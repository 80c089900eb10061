namespace DnsLb.Status.Metrics;

/// <summary>One part of /metrics (queries, health, forwarding…): writes its families when scraped.</summary>
internal interface IMetricsSection
{
    void WriteTo(PrometheusWriter writer);
}
