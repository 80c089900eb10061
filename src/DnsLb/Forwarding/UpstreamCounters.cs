namespace DnsLb.Forwarding;

/// <summary>One upstream's counts since start, for metrics.</summary>
public sealed class UpstreamCounters(string upstream)
{
    private long _queries;
    private long _failures;
    private long _timeouts;

    /// <summary>The upstream as configured (<c>192.168.0.1</c>, <c>tls://192.0.2.1:853#dns.example</c>).</summary>
    public string Upstream { get; } = upstream;

    /// <summary>Queries sent to it (each attempt counts, a TCP retry after TC=1 included).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Attempts that failed: SERVFAIL, REFUSED, an unreadable answer or a network error.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Attempts it left unanswered for longer than the attempt timeout.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    internal void Query() => Interlocked.Increment(ref _queries);
    internal void Failure() => Interlocked.Increment(ref _failures);
    internal void Timeout() => Interlocked.Increment(ref _timeouts);
}
