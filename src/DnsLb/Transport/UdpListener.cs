using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// Serves one UDP socket on a dedicated thread: blocking receive into a reused buffer, answer in place,
/// send. Blocking span-based calls with a reused <see cref="SocketAddress"/> allocate nothing and cost about
/// half the CPU of the async path per query (measured, see DESIGN.md "Performance").
/// </summary>
internal sealed partial class UdpListener(Socket socket, IDnsQueryHandler handler, ListenerCounters counters, ILogger logger) : IDisposable
{
    private const int MaxDatagram = 65535;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>True once <see cref="Dispose"/> has begun.</summary>
    internal bool IsStopping => _stopping;

    public void Start(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    private void Run()
    {
        var receive = new byte[MaxDatagram];
        var send = new byte[MaxDatagram];
        var client = new SocketAddress(socket.AddressFamily);
        var context = new QueryContext(DnsTransport.Udp);
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
                length = handler.Handle(receive.AsSpan(0, received), send, context);
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

    /// <summary>
    /// Stops receiving, lets the query being answered get its response out, then closes the socket. Shutting
    /// down the receive side wakes the blocked receive without closing the socket (Linux also reports
    /// ENOTCONN for an unconnected socket, which changes nothing); a thread still busy after the bound is cut off.
    /// </summary>
    public void Dispose()
    {
        _stopping = true;
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // not connected: expected for a UDP socket, and the receive is woken all the same
        }
        bool ended = _thread?.Join(TimeSpan.FromSeconds(3)) ?? true;
        socket.Dispose();
        if (!ended)
            _thread?.Join(TimeSpan.FromSeconds(1));
    }
}
