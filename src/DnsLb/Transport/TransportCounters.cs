namespace DnsLb.Transport;

/// <summary>
/// The counters of every listener of this server, one <see cref="ListenerCounters"/> each, and their sums.
/// A singleton: tests assert on it (a fuzz run must see zero handler failures), the metrics endpoint will
/// read it when scraped.
/// </summary>
public sealed class TransportCounters
{
    private readonly Lock _lock = new();
    private volatile ListenerCounters[] _listeners = [];

    public IReadOnlyList<ListenerCounters> Listeners => _listeners;

    /// <summary>Handler exceptions plus unexpected connection failures, over every listener: zero unless there is a bug.</summary>
    public long Failures
    {
        get
        {
            long sum = 0;
            foreach (var listener in _listeners)
                sum += listener.HandlerFailures + listener.ConnectionFailures;
            return sum;
        }
    }

    public long HandlerFailures => Sum(static l => l.HandlerFailures);

    public long ConnectionsClosedIdle => Sum(static l => l.ConnectionsClosedIdle);

    public long ConnectionsRefused => Sum(static l => l.ConnectionsRefused);

    internal ListenerCounters Add(string name)
    {
        var counters = new ListenerCounters(name);
        lock (_lock)
            _listeners = [.. _listeners, counters];
        return counters;
    }

    private long Sum(Func<ListenerCounters, long> value)
    {
        long sum = 0;
        foreach (var listener in _listeners)
            sum += value(listener);
        return sum;
    }
}
