using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;

namespace DnsLb.Transport;

/// <summary>
/// The way back to one UDP client for a deferred answer: its own copy of the client's socket address (the
/// receive loop's is reused for the next query), and the listener's socket. The send is the blocking one
/// the receive loop uses too: an async send would turn the socket non-blocking for the receive loop as well.
/// </summary>
internal sealed class UdpResponder(
    Socket socket, SocketAddress client, ClientAddress address, CancellationToken aborted, Func<IDnsResponder, Task> respond, DeferredWork work)
    : DeferredResponder(respond, work)
{
    public override DnsTransport Transport => DnsTransport.Udp;

    public override ClientAddress Client => address;

    public override CancellationToken Aborted => aborted;

    public override ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message)
    {
        if (aborted.IsCancellationRequested)
            return ValueTask.FromResult(false);
        try
        {
            socket.SendTo(message.Span, SocketFlags.None, client);
            return ValueTask.FromResult(true);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return ValueTask.FromResult(false); // the client went away or the listener closed: UDP is best effort
        }
    }
}
