using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using TcpListener = DnsLb.Transport.TcpListener;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transport;

/// <summary>
/// The TCP listener alone, with a handler the test controls: at the connection limit idle connections make
/// room for new ones, a connection answering a query is never closed for that, and a client that stops
/// reading its answers is closed after the idle timeout.
/// </summary>
public sealed class TcpListenerTests
{
    /// <summary>Echoes each query; a query with ID 1 waits in the handler until the test opens the gate.</summary>
    private sealed class GatedEchoHandler : IDnsQueryHandler
    {
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Gate { get; } = new();

        public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(query) == 1)
            {
                Entered.Set();
                Gate.Wait(TimeSpan.FromSeconds(60));
            }
            query.CopyTo(response);
            return query.Length;
        }
    }

    /// <summary>Answers every query with 60,000 bytes.</summary>
    private sealed class BigAnswerHandler : IDnsQueryHandler
    {
        public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
        {
            response[..60_000].Clear();
            return 60_000;
        }
    }

    private static (TcpListener Listener, ListenerCounters Counters, int Port) Start(IDnsQueryHandler handler, int maxConnections, int idleMs)
    {
        var socket = SocketFactory.BindTcp(new IPEndPoint(IPAddress.Loopback, 0), backlog: 512);
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var counters = new ListenerCounters("tcp test");
        var options = new TransportOptions { MaxTcpConnections = maxConnections, TcpIdleTimeoutMs = idleMs };
        var listener = new TcpListener(socket, handler, options, counters, TimeProvider.System, NullLogger.Instance);
        listener.Start();
        return (listener, counters, port);
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static void SendQuery(Socket socket, ushort id) => socket.Send([0, 12, (byte)(id >> 8), (byte)id, .. new byte[10]]);

    private static ushort ReadAnswerId(Socket socket)
    {
        var prefix = DnsTestClient.ReceiveExactly(socket, 2);
        var answer = DnsTestClient.ReceiveExactly(socket, BinaryPrimitives.ReadUInt16BigEndian(prefix));
        return BinaryPrimitives.ReadUInt16BigEndian(answer);
    }

    [Fact]
    public void AtTheLimit_NewConnectionsReplaceIdleOnes_NeverOneThatIsAnswering()
    {
        var handler = new GatedEchoHandler();
        var (listener, counters, port) = Start(handler, maxConnections: 4, idleMs: 600_000);
        using var _ = listener;
        using var answering = Connect(port);
        SendQuery(answering, 1);
        Assert.True(handler.Entered.Wait(TimeSpan.FromSeconds(30)), "the first query reached the handler");

        var stalled = Enumerable.Range(0, 10).Select(_ => Connect(port)).ToList();
        using var late = Connect(port);
        SendQuery(late, 2);
        Assert.Equal(2, ReadAnswerId(late));
        // One slot is answering; the three others went to the stalled connections in turn, each new one
        // closing the longest-idle: 10 stalled + 1 late into 3 slots closes 8.
        Assert.Equal(8, counters.ConnectionsClosedIdle);
        Assert.Equal(0, counters.ConnectionsRefused);

        handler.Gate.Set();
        Assert.Equal(1, ReadAnswerId(answering));
        stalled.ForEach(s => s.Dispose());
    }

    [Fact]
    public void AtTheLimit_WithEverySlotAnswering_ANewConnectionIsRefused()
    {
        var handler = new GatedEchoHandler();
        var (listener, counters, port) = Start(handler, maxConnections: 1, idleMs: 600_000);
        using var _ = listener;
        using var answering = Connect(port);
        SendQuery(answering, 1);
        Assert.True(handler.Entered.Wait(TimeSpan.FromSeconds(30)), "the first query reached the handler");

        using var refused = Connect(port);
        Assert.Equal(0, refused.Receive(new byte[2])); // closed by the server
        Assert.Equal(1, counters.ConnectionsRefused);

        handler.Gate.Set();
        Assert.Equal(1, ReadAnswerId(answering));
    }

    [Fact]
    public async Task ClientThatDoesNotReadItsAnswers_IsClosedAfterTheIdleTimeout()
    {
        var (listener, counters, port) = Start(new BigAnswerHandler(), maxConnections: 16, idleMs: 300);
        using var _ = listener;
        using var greedy = Connect(port);
        greedy.ReceiveBufferSize = 4096;
        // Far more answer bytes than the socket buffers hold: the server's send blocks, so it is "answering".
        var queries = Enumerable.Range(0, 2000).SelectMany(_ => new byte[] { 0, 12, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray();
        greedy.Send(queries);
        await Eventually.True(() => counters.ConnectionsClosedIdle == 1 && listener.Connections == 0, "the stuck connection closed");
    }
}
