namespace DnsLb.Status.Metrics;

/// <summary>The section of a part of the server that is not there (no forwarding configured): writes nothing.</summary>
internal sealed class EmptyMetricsSection : IMetricsSection
{
    public static readonly EmptyMetricsSection Instance = new();

    public void WriteTo(PrometheusWriter writer)
    {
        // nothing to report
    }
}
