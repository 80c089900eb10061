using DnsLb.Answering;
using DnsLb.Protocol;

namespace DnsLb.Status.Metrics;

/// <summary>
/// What the query path counts: one call per answered query and one per query dropped unanswered. Every call
/// is a plain add to the calling thread's own cells (<see cref="PerThreadCells"/>): no lock, no allocation,
/// so the zero-allocation answer path stays zero. Summed only when /metrics is scraped.
/// </summary>
internal sealed class DnsMetrics
{
    public QueryCounter Queries { get; } = new();

    public TransportCounter Unanswered { get; } = new();

    public LatencyHistogram AnswerLatency { get; } = new();

    /// <summary>A response was written: counts it by transport, question type and rcode, and records how long answering took.</summary>
    public void Answered(DnsTransport transport, RecordType type, ResponseCode rcode, TimeSpan elapsed)
    {
        Queries.Increment(transport, type, rcode);
        AnswerLatency.Observe(elapsed);
    }

    /// <summary>A message got no response at all (a response, or too short to answer).</summary>
    public void Dropped(DnsTransport transport) => Unanswered.Increment(transport);
}
