namespace DnsLb.Status.Metrics;

/// <summary>
/// A histogram of durations with fixed buckets from 10 µs to 2.5 s, counted per thread: an observation adds
/// one to its bucket and its duration (in 100 ns ticks) to the sum, in this thread's own cells.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The buckets' upper bounds in seconds (Prometheus <c>le</c>); +Inf follows.</summary>
    public static readonly double[] Bounds =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private static readonly long[] BoundTicks = [.. Bounds.Select(b => (long)Math.Round(b * TimeSpan.TicksPerSecond))];

    /// <summary>One cell per bucket (the last is +Inf), then the sum of ticks.</summary>
    private readonly PerThreadCells _cells = new(Bounds.Length + 2);

    /// <summary>Records one duration. No lock, no allocation.</summary>
    public void Observe(TimeSpan elapsed)
    {
        long ticks = Math.Max(0, elapsed.Ticks);
        int bucket = 0;
        while (bucket < BoundTicks.Length && ticks > BoundTicks[bucket])
            bucket++;
        var cells = _cells.Mine();
        cells[bucket]++;
        cells[^1] += ticks;
    }

    public HistogramSnapshot Snapshot()
    {
        var totals = _cells.Sum();
        return new HistogramSnapshot(Bounds, totals[..^1], (double)totals[^1] / TimeSpan.TicksPerSecond);
    }
}
