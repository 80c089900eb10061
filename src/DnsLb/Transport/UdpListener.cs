using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// Serves one UDP socket on a dedicated thread: blocking receive into a reused buffer, answer in place,
/// send. Blocking span-based calls with a reused <see cref="SocketAddress"/> allocate nothing and cost about
/// half the CPU of the async path per query (measured, see DESIGN.md "Performance"). A query the handler
/// answers later (forwarded) leaves this thread at once: its work runs on the thread pool with a copy of
/// the client's address (<see cref="UdpResponder"/>), so a slow upstream never holds up this socket.
/// </summary>
internal sealed partial class UdpListener(Socket socket, IDnsQueryHandler handler, DeferredWork work, ListenerCounters counters, ILogger logger)
    : IResponseDeferral, IDisposable
{
    private const int MaxDatagram = 65535;
    private readonly CancellationTokenSource _aborted = new();
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>True once <see cref="Dispose"/> has begun.</summary>
    internal bool IsStopping => _stopping;

    /// <summary>The client of the query being handled; used by <see cref="TryDefer"/>, which runs inside the handler on this loop's thread.</summary>
    private SocketAddress? _client;

    public void Start(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    private void Run()
    {
        var receive = new byte[MaxDatagram];
        var send = new byte[MaxDatagram];
        var client = _client = new SocketAddress(socket.AddressFamily);
        while (!_stopping)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(receive, SocketFlags.None, client);
            }
            catch (SocketException) when (!_stopping)
            {
                continue; // e.g. ICMP port unreachable reported on the socket: not our problem.
            }
            catch (Exception) when (_stopping)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            int length;
            try
            {
                ClientAddress.TryFromSocketAddress(client, out var address);
                length = handler.Handle(receive.AsSpan(0, received), send, new QueryContext(DnsTransport.Udp, address, this));
            }
            catch (Exception e)
            {
                // A bug must cost one query, never the listener; the counter lets tests see it.
                counters.HandlerFailed();
                LogHandlerFailed(logger, e);
                continue;
            }
            if (length == 0)
                continue;
            try
            {
                socket.SendTo(send.AsSpan(0, length), SocketFlags.None, client);
            }
            catch (SocketException)
            {
                // The client went away or the send buffer is full: UDP is best effort.
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }
    }

    /// <summary>Runs on this loop's thread, inside the handler: the client is the one of the query being handled.</summary>
    public bool TryDefer(Func<IDnsResponder, Task> respond)
    {
        var client = _client;
        if (client is null || work.IsClosed)
            return false;
        var copy = new SocketAddress(client.Family, client.Size);
        client.Buffer.Span[..client.Size].CopyTo(copy.Buffer.Span);
        ClientAddress.TryFromSocketAddress(copy, out var address);
        return work.TryStart(new UdpResponder(socket, copy, address, _aborted.Token, respond, work));
    }

    /// <summary>Takes no new deferred work; the socket keeps answering until <see cref="Dispose"/>, so answers in flight can still go out.</summary>
    public void BeginStop() => work.Close();

    /// <summary>
    /// Stops receiving, lets the query being answered get its response out, then closes the socket. Shutting
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
