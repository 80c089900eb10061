using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// Serves one UDP socket on a dedicated thread, answering in place into reused buffers: nothing is allocated
/// per query, and no lock is shared with the other sockets' threads. On Linux many datagrams move per system
/// call (<c>recvmmsg</c>/<c>sendmmsg</c>, UdpListener.Batched.cs): a batch of queries in, their answers out,
/// the step that made a .NET responder as cheap per query as the C servers (DESIGN.md "Performance").
/// Elsewhere, or where those calls are refused (an old kernel, a sandbox), one blocking receive and one send
/// per query (UdpListener.Portable.cs). A query the handler answers later (forwarded) leaves this thread at
/// once: its work runs on the thread pool with a copy of the client's address (<see cref="UdpResponder"/>),
/// so a slow upstream never holds up this socket.
/// </summary>
/// <param name="batched">False keeps to the portable path on Linux too (tests exercise both).</param>
internal sealed partial class UdpListener(
    Socket socket, IDnsQueryHandler handler, DeferredWork work, ListenerCounters counters, ILogger logger, bool batched = true)
    : IResponseDeferral, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile bool _batching;
    private int _largestBatch;

    // The query being handled, for TryDefer (which runs inside the handler, on this loop's thread): its slot
    // in the batch on the batched path, the reused socket address on the portable one.
    private DatagramBatch? _batch;
    private int _slot;
    private SocketAddress? _client;

    /// <summary>True once <see cref="Dispose"/> has begun.</summary>
    internal bool IsStopping => _stopping;

    /// <summary>True while the batched loop serves the socket (tests check which path they exercise).</summary>
    internal bool IsBatching => _batching;

    /// <summary>The most datagrams one receive has brought in (1 on the portable path): tests check batches were whole.</summary>
    internal int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>True once the loop's thread has ended.</summary>
    internal bool HasEnded => _thread is { IsAlive: false };

    public void Start(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    private void Run()
    {
        if (batched && OperatingSystem.IsLinux() && RunBatched())
            return;
        RunPortable();
    }

    /// <summary>Answers the query in hand; 0 when there is nothing to send now. A handler that throws costs one query, never the listener.</summary>
    private int Answer(ReadOnlySpan<byte> query, Span<byte> response, ClientAddress client)
    {
        try
        {
            return handler.Handle(query, response, new QueryContext(DnsTransport.Udp, client, this));
        }
        catch (Exception e)
        {
            // The counter lets tests see it.
            counters.HandlerFailed();
            LogHandlerFailed(logger, e);
            return 0;
        }
    }

    /// <summary>Runs on this loop's thread, inside the handler: the client is the one of the query being handled.</summary>
    public bool TryDefer(Func<IDnsResponder, Task> respond)
    {
        if (work.IsClosed)
            return false;
        SocketAddress copy;
        if (_batch is { } batch)
        {
            copy = batch.CopyClient(_slot, socket.AddressFamily);
        }
        else if (_client is { } client)
        {
            copy = new SocketAddress(client.Family, client.Size);
            client.Buffer.Span[..client.Size].CopyTo(copy.Buffer.Span);
        }
        else
        {
            return false;
        }
        ClientAddress.TryFromSocketAddress(copy, out var address);
        return work.TryStart(new UdpResponder(socket, copy, address, _aborted.Token, respond, work));
    }

    /// <summary>Takes no new deferred work; the socket keeps answering until <see cref="Dispose"/>, so answers in flight can still go out.</summary>
    public void BeginStop() => work.Close();

    /// <summary>
    /// Stops receiving, lets the queries being answered get their responses out, then closes the socket. Shutting
    /// down the receive side wakes the blocked receive without closing the socket (Linux also reports
    /// ENOTCONN for an unconnected socket, which changes nothing); a thread still busy after the bound is cut off.
    /// </summary>
    public void Dispose()
    {
        _stopping = true;
        work.Close();
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // not connected: expected for a UDP socket, and the receive is woken all the same
        }
        bool ended = _thread?.Join(TimeSpan.FromSeconds(3)) ?? true;
        _aborted.Cancel();
        socket.Dispose();
        if (!ended)
            _thread?.Join(TimeSpan.FromSeconds(1));
    }
}
