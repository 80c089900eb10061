namespace DnsLb.Status.Metrics;

/// <summary>The text of /metrics: every registered section, in registration order.</summary>
internal sealed class MetricsExposition(IEnumerable<IMetricsSection> sections)
{
    private readonly IMetricsSection[] _sections = [.. sections];

    public string Render()
    {
        var writer = new PrometheusWriter();
        foreach (var section in _sections)
            section.WriteTo(writer);
        return writer.ToString();
    }
}
