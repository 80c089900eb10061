using DnsLb.Transport;

namespace DnsLb.Status.Metrics;

/// <summary>/metrics from the listeners: TCP connections closed or refused at the limits, and failures (zero unless there is a bug).</summary>
internal sealed class TransportMetricsSection(TransportCounters counters) : IMetricsSection
{
    public void WriteTo(PrometheusWriter writer)
    {
        Counter(writer, "dnslb_tcp_connections_closed_idle_total", "TCP connections closed for waiting too long, or to make room for a new one.", counters.ConnectionsClosedIdle);
        Counter(writer, "dnslb_tcp_connections_refused_total", "TCP connections closed at once because every slot was answering.", counters.ConnectionsRefused);
        Counter(writer, "dnslb_listener_failures_total", "Queries whose handler threw and connections that failed unexpectedly (a bug; logged).", counters.Failures);
    }

    private static void Counter(PrometheusWriter writer, string name, string help, long value)
    {
        writer.Family(name, "counter", help);
        writer.Sample(name, value);
    }
}
