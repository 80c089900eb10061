using DnsLb.Tests.Support;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Status.Metrics;

namespace DnsLb.Tests.Status.Metrics;

/// <summary>Counting on the query path allocates nothing (DESIGN.md "Observability": no lock or allocation per query).</summary>
public sealed class MetricsAllocationTests
{
    private const int Rounds = 100_000;

    [Fact]
    public void Answered_AllocatesZeroBytes()
    {
        var metrics = new DnsMetrics();
        Assert.Equal(0, Allocated(i => metrics.Answered(
            (i & 1) == 0 ? DnsTransport.Udp : DnsTransport.Tcp, (RecordType)(i % 300), (ResponseCode)(i % 20), TimeSpan.FromTicks(i % 40_000_000)), Rounds));
    }

    [Fact]
    public void Increment_AllocatesZeroBytes()
    {
        var counter = new QueryCounter();
        Assert.Equal(0, Allocated(i => counter.Increment(DnsTransport.Udp, RecordType.AAAA, ResponseCode.NXDomain), Rounds));
        var dropped = new TransportCounter();
        Assert.Equal(0, Allocated(i => dropped.Increment(DnsTransport.Tcp), Rounds));
    }

    [Fact]
    public void Observe_AllocatesZeroBytes()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, Allocated(i => histogram.Observe(TimeSpan.FromTicks(i * 37L)), Rounds));
    }

    /// <summary>Bytes allocated on this thread by <paramref name="rounds"/> calls, after one call registered the thread's cells.</summary>
    private static long Allocated(Action<int> call, int rounds)
    {
        call(0);
        return Allocations.Least(() =>
        {
            for (int i = 0; i < rounds; i++)
                call(i);
        });
    }
}
