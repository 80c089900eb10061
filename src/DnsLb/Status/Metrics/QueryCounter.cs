using DnsLb.Answering;
using DnsLb.Protocol;

namespace DnsLb.Status.Metrics;

/// <summary>Queries answered, by transport × type × rcode (<see cref="QueryLabels"/>), counted per thread.</summary>
internal sealed class QueryCounter
{
    private readonly PerThreadCells _cells = new(QueryLabels.Combinations);

    /// <summary>Counts one query. No lock, no allocation.</summary>
    public void Increment(DnsTransport transport, RecordType type, ResponseCode rcode) =>
        _cells.Add(QueryLabels.Index(transport, type, rcode), 1);

    /// <summary>The count of every combination, indexed as <see cref="QueryLabels.Index"/> says.</summary>
    public long[] Snapshot() => _cells.Sum();
}
