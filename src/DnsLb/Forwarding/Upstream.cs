namespace DnsLb.Forwarding;

/// <summary>
/// One upstream as the selector sees it: its client, its counters, a smoothed round-trip time (an EWMA with
/// gain 1/8, as TCP's SRTT in RFC 6298) and, after failures, a time before which it goes last in the order
/// (1 s, doubling with each further failure, at most 30 s). It is never skipped: when the others fail too
/// it is still asked.
/// </summary>
internal sealed class Upstream(int index, UpstreamEndpoint endpoint, IUpstreamClient client)
{
    private const long MaxBackoffSeconds = 30;
    private long _smoothedRttTicks;
    private int _consecutiveFailures;
    private long _avoidUntil;

    public int Index { get; } = index;
    public UpstreamEndpoint Endpoint { get; } = endpoint;
    public IUpstreamClient Client { get; } = client;
    public UpstreamCounters Counters { get; } = new(endpoint.Text);

    /// <summary>0 until measured, so an upstream not yet tried comes before measured ones and gets measured.</summary>
    public long SmoothedRttTicks => Interlocked.Read(ref _smoothedRttTicks);

    public bool IsAvoided(long now) => now < Interlocked.Read(ref _avoidUntil);

    public long AvoidUntil => Interlocked.Read(ref _avoidUntil);

    /// <summary>Records an answer; returns true when the upstream was failing until now.</summary>
    public bool RecordSuccess(TimeSpan rtt)
    {
        long sample = Math.Max(rtt.Ticks, 1);
        long srtt = Interlocked.Read(ref _smoothedRttTicks);
        Interlocked.Exchange(ref _smoothedRttTicks, srtt == 0 ? sample : srtt + (sample - srtt) / 8);
        Interlocked.Exchange(ref _avoidUntil, 0);
        return Interlocked.Exchange(ref _consecutiveFailures, 0) > 0;
    }

    /// <summary>Records a failure that says something about the upstream; returns true when it starts failing.</summary>
    public bool RecordFailure(long now, long frequency)
    {
        int failures = Interlocked.Increment(ref _consecutiveFailures);
        long backoff = Math.Min(1L << Math.Min(failures - 1, 5), MaxBackoffSeconds);
        Interlocked.Exchange(ref _avoidUntil, now + backoff * frequency);
        return failures == 1;
    }
}
