namespace DnsLb.Answering;

/// <summary>
/// What the handler knows about a query besides its bytes: the transport, the client's address (for the
/// recursion and transfer access lists) and, through <see cref="TryDefer"/>, a way to answer later. A small
/// value built by the listener for each query without allocating: the address is read from the bytes the
/// socket filled in, and the listener passes itself (a UDP socket's loop, or a TCP connection) as the way back.
/// It describes the query being handled: it is valid only while <see cref="IDnsQueryHandler.Handle"/> runs.
/// </summary>
public readonly struct QueryContext
{
    private readonly IResponseDeferral? _deferral;

    /// <summary>A context for a query that can only be answered at once (no listener behind it: tests, tools).</summary>
    public QueryContext(DnsTransport transport, ClientAddress client = default)
        : this(transport, client, null)
    {
    }

    internal QueryContext(DnsTransport transport, ClientAddress client, IResponseDeferral? deferral)
    {
        Transport = transport;
        Client = client;
        _deferral = deferral;
    }

    public DnsTransport Transport { get; }

    /// <summary>Who asked; IPv4 clients in their IPv4-mapped form.</summary>
    public ClientAddress Client { get; }

    /// <summary>
    /// Hands the query over to <paramref name="respond"/>, which runs on the thread pool (never on the
    /// receiving thread) with a responder bound to this client: over UDP its address (copied), over TCP its
    /// connection, on which it may write several messages (a zone transfer). The listener counts the work
    /// while it runs (a TCP connection with work in flight is not idle; shutdown waits for it, bounded), counts
    /// an exception from it as a handler failure, and takes the query as answered when its task ends. The
    /// handler then returns 0.
    /// </summary>
    /// <returns>
    /// False when the query cannot be handed over (no listener behind this context, the listener is stopping,
    /// or the connection is closing): the handler must answer it now, e.g. with SERVFAIL.
    /// </returns>
    public bool TryDefer(Func<IDnsResponder, Task> respond) => _deferral is not null && _deferral.TryDefer(respond);
}
