namespace DnsLb.Status.Metrics;

/// <summary>A histogram as scraped: each bucket's own count (not cumulative; the last is +Inf) and the sum in seconds.</summary>
internal sealed record HistogramSnapshot(double[] Bounds, long[] Counts, double SumSeconds);
