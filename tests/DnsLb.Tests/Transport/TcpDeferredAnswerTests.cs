using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using TcpListener = DnsLb.Transport.TcpListener;

namespace DnsLb.Tests.Transport;

/// <summary>
/// The TCP listener alone, with a handler that answers some queries later (RFC 7766 §6.2.1.1: out of order),
/// some with several messages (a zone transfer): messages arrive whole, writes never interleave, a
/// connection owing an answer is never closed as idle nor to make room, failures are counted, and stopping
/// lets owed answers go out.
/// </summary>
public sealed class TcpDeferredAnswerTests
{
    private readonly ScriptedHandler _handler = new();

    private (TcpListener Listener, ListenerCounters Counters, int Port) Start(int maxConnections = 16, int idleMs = 600_000)
    {
        var socket = SocketFactory.BindTcp(new IPEndPoint(IPAddress.Loopback, 0), backlog: 512);
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var counters = new ListenerCounters("tcp test");
        var options = new TransportOptions { MaxTcpConnections = maxConnections, TcpIdleTimeoutMs = idleMs };
        var listener = new TcpListener(socket, _handler, options, counters, TimeProvider.System, NullLogger.Instance);
        listener.Start();
        return (listener, counters, port);
    }

    private static Socket Connect(int port, string from = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000 };
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static void Send(Socket socket, params ushort[] ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
            bytes.AddRange([0, 12, .. ScriptedHandler.Query(id)]);
        socket.Send(bytes.ToArray());
    }

    private static byte[] ReadMessage(Socket socket)
    {
        var prefix = DnsTestClient.ReceiveExactly(socket, 2);
        return DnsTestClient.ReceiveExactly(socket, BinaryPrimitives.ReadUInt16BigEndian(prefix));
    }

    /// <summary>True when the server closed the connection (read returns 0, or a reset).</summary>
    private static bool ClosedByServer(Socket socket)
    {
        try
        {
            return socket.Receive(new byte[16]) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    [Fact]
    public void PipelinedQueries_AnAnswerGivenAtOnceOvertakesADeferredOne()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        Send(client, 100, 1);

        Assert.Equal(1, ScriptedHandler.IdOf(ReadMessage(client)));
        _handler.Open();
        Assert.Equal(100, ScriptedHandler.IdOf(ReadMessage(client)));
    }

    [Fact]
    public void TransferLikeHandler_WritesSeveralMessagesOnOneConnection_EachWholeAndInOrder()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        Send(client, 200, 1, 201);

        var messages = Enumerable.Range(0, 1 + (2 * ScriptedHandler.TransferMessages)).Select(_ => ReadMessage(client)).ToList();

        Assert.Single(messages, m => ScriptedHandler.IdOf(m) == 1);
        foreach (ushort id in new ushort[] { 200, 201 })
        {
            var transfer = messages.Where(m => ScriptedHandler.IdOf(m) == id).ToList();
            Assert.Equal(ScriptedHandler.TransferMessages, transfer.Count);
            for (int i = 0; i < transfer.Count; i++)
                Assert.Equal(ScriptedHandler.TransferMessage(id, i), transfer[i]);
        }
    }

    [Fact]
    public void ConcurrentDeferredAnswers_AreWrittenOneAfterTheOther_NeverInterleaved()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        var ids = Enumerable.Range(400, 40).Select(i => (ushort)i).ToArray();
        Send(client, ids);

        var seen = new List<ushort>();
        foreach (var __ in ids)
        {
            var message = ReadMessage(client);
            ushort id = ScriptedHandler.IdOf(message);
            Assert.Equal(ScriptedHandler.BigMessage, message.Length);
            Assert.True(message.AsSpan(12).IndexOfAnyExcept((byte)id) < 0, $"the answer to {id} holds bytes of another");
            seen.Add(id);
        }
        Assert.Equal(ids, seen.Order());
    }

    [Fact]
    public async Task ConnectionOwingADeferredAnswer_IsNotClosedAsIdle()
    {
        var (listener, counters, port) = Start(idleMs: 300);
        using var _ = listener;
        using var owed = Connect(port);
        Send(owed, 106);
        await Eventually.True(() => _handler.Deferred == 1, "the deferred work started");

        // A connection opened after the query and silent since: idle for less time than the first one.
        using var witness = Connect(port);
        Assert.True(ClosedByServer(witness), "the idle witness is closed");
        await Eventually.True(() => counters.ConnectionsClosedIdle == 1, "the witness counted as closed idle");

        // Still open: the answer arrives (once sent, the connection is idle and may be closed in its turn).
        _handler.Open();
        Assert.Equal(106, ScriptedHandler.IdOf(ReadMessage(owed)));
    }

    [Fact]
    public async Task AtTheLimit_AConnectionOwingADeferredAnswer_IsNeverClosedToMakeRoom()
    {
        var (listener, counters, port) = Start(maxConnections: 2);
        using var _ = listener;
        using var owed = Connect(port);
        Send(owed, 107);
        await Eventually.True(() => _handler.Deferred == 1, "the deferred work started");

        var stalled = Enumerable.Range(0, 5).Select(_ => Connect(port)).ToList();
        using var late = Connect(port);
        Send(late, 3);
        Assert.Equal(3, ScriptedHandler.IdOf(ReadMessage(late)));
        // One slot is owed an answer; the other went to each stalled connection in turn, then to the late one.
        Assert.Equal(5, counters.ConnectionsClosedIdle);
        Assert.Equal(0, counters.ConnectionsRefused);

        _handler.Open();
        Assert.Equal(107, ScriptedHandler.IdOf(ReadMessage(owed)));
        stalled.ForEach(s => s.Dispose());
    }

    [Fact]
    public void ClientThatClosesItsSideAfterItsQuery_StillGetsTheDeferredAnswer()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        Send(client, 108);
        client.Shutdown(SocketShutdown.Send);

        _handler.Open();
        Assert.Equal(108, ScriptedHandler.IdOf(ReadMessage(client)));
        Assert.True(ClosedByServer(client));
    }

    [Fact]
    public async Task DeferredWorkThatThrows_CountsAsAHandlerFailure_AndTheConnectionGoesOn()
    {
        var (listener, counters, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        Send(client, 300);
        await Eventually.True(() => counters.HandlerFailures == 1, "the failure of deferred work counted");

        Send(client, 4);
        Assert.Equal(4, ScriptedHandler.IdOf(ReadMessage(client)));
        await Eventually.True(() => listener.Work.InFlight == 0, "the failed work no longer counted as in flight");
    }

    [Fact]
    public void Handler_SeesTheConnectedClientsAddress()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port, from: "127.0.0.2");
        Send(client, 5);

        Assert.Equal(5, ScriptedHandler.IdOf(ReadMessage(client)));
        Assert.Equal(ClientAddress.FromIPAddress(IPAddress.Parse("127.0.0.2")), Assert.Single(_handler.Clients));
    }

    [Fact]
    public async Task Stopping_TakesNoNewDeferredWork_AndWaitsForTheAnswerAConnectionOwes()
    {
        var (listener, _, port) = Start();
        using var _ = listener;
        using var client = Connect(port);
        Send(client, 109);
        await Eventually.True(() => _handler.Deferred == 1, "the deferred work started");

        listener.BeginStop();
        var drained = listener.Work.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        Send(client, 110); // answered at once: the listener takes no new work
        var refused = ReadMessage(client);
        Assert.Equal((110, 2), (ScriptedHandler.IdOf(refused), ScriptedHandler.RcodeOf(refused)));
        Assert.False(drained.IsCompleted, "stopping waits while an answer is owed");

        _handler.Open();
        Assert.Equal(109, ScriptedHandler.IdOf(ReadMessage(client)));
        await drained.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
