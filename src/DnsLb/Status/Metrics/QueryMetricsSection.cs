namespace DnsLb.Status.Metrics;

/// <summary>/metrics: queries by transport, type and rcode, queries left unanswered, and answer latency.</summary>
internal sealed class QueryMetricsSection(DnsMetrics metrics) : IMetricsSection
{
    public void WriteTo(PrometheusWriter writer)
    {
        writer.Family("dnslb_queries_total", "counter", "DNS queries answered, by transport, question type and response code.");
        var counts = metrics.Queries.Snapshot();
        for (int t = 0; t < QueryLabels.Transports.Length; t++)
        {
            for (int q = 0; q < QueryLabels.Types.Length; q++)
            {
                for (int r = 0; r < QueryLabels.Rcodes.Length; r++)
                {
                    long count = counts[QueryLabels.Cell(t, q, r)];
                    if (count > 0) // only combinations seen: most of the 400-odd never occur
                        writer.Sample("dnslb_queries_total", count, ("transport", QueryLabels.Transports[t]), ("type", QueryLabels.Types[q]), ("rcode", QueryLabels.Rcodes[r]));
                }
            }
        }

        writer.Family("dnslb_queries_unanswered_total", "counter", "Messages that got no response (a response sent to us, or too short to answer), by transport.");
        var unanswered = metrics.Unanswered.Snapshot();
        for (int t = 0; t < QueryLabels.Transports.Length; t++)
        {
            if (t < 2 || unanswered[t] > 0)
                writer.Sample("dnslb_queries_unanswered_total", unanswered[t], ("transport", QueryLabels.Transports[t]));
        }

        writer.Family("dnslb_answer_duration_seconds", "histogram", "Time from a query's arrival at the engine to its response written.");
        writer.Histogram("dnslb_answer_duration_seconds", metrics.AnswerLatency.Snapshot());
    }
}
