using DnsLb.Answering;

namespace DnsLb.Status.Metrics;

/// <summary>A count by transport alone (udp, tcp, other), counted per thread.</summary>
internal sealed class TransportCounter
{
    private readonly PerThreadCells _cells = new(QueryLabels.Transports.Length);

    /// <summary>Counts one event. No lock, no allocation.</summary>
    public void Increment(DnsTransport transport) => _cells.Add(QueryLabels.TransportIndex(transport), 1);

    /// <summary>The count per transport, in the order of <see cref="QueryLabels.Transports"/>.</summary>
    public long[] Snapshot() => _cells.Sum();
}
