namespace DnsLb.Transport;

/// <summary>
/// What one listener has seen. The listener counts on its own object with interlocked increments, only on
/// rare events (never per query), so counting takes no lock and costs nothing on the hot path; readers
/// (tests, later the metrics endpoint) read the values whenever they ask and sum over listeners.
/// </summary>
public sealed class ListenerCounters(string name)
{
    private long _handlerFailures;
    private long _connectionFailures;
    private long _connectionsClosedIdle;
    private long _connectionsRefused;

    /// <summary>The listener, e.g. "udp 127.0.0.1:53 #1" or "tcp 127.0.0.1:53".</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Queries whose handler threw, or whose deferred work (a forwarded query, later a zone transfer) ended in
    /// an exception: a bug. The listener logs it and serves the next query.
    /// </summary>
    public long HandlerFailures => Volatile.Read(ref _handlerFailures);

    /// <summary>TCP connections that ended in an unexpected exception: a bug in the listener.</summary>
    public long ConnectionFailures => Volatile.Read(ref _connectionFailures);

    /// <summary>TCP connections closed because they waited too long for their client, or to make room for a new one.</summary>
    public long ConnectionsClosedIdle => Volatile.Read(ref _connectionsClosedIdle);

    /// <summary>TCP connections closed at once because every slot was answering a query.</summary>
    public long ConnectionsRefused => Volatile.Read(ref _connectionsRefused);

    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);

    internal void ConnectionFailed() => Interlocked.Increment(ref _connectionFailures);

    internal void ConnectionClosedIdle() => Interlocked.Increment(ref _connectionsClosedIdle);

    internal void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);
}
