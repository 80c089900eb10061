using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transport;

/// <summary>
/// The UDP listener alone, with a handler that answers some queries later: the receive thread never waits
/// for that work, the answer goes to the client that asked, failures of the work are counted, and stopping
/// lets owed answers go out. Run on both loops: batched (recvmmsg/sendmmsg) and portable.
/// </summary>
public abstract class UdpDeferredAnswerTests : IDisposable
{
    private readonly ScriptedHandler _handler = new();
    private readonly ListenerCounters _counters = new("udp test");
    private readonly DeferredWork _work;
    private readonly UdpListener _listener;
    private readonly int _port;

    protected UdpDeferredAnswerTests(bool batched)
    {
        var socket = SocketFactory.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), reusePort: false);
        _port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _work = new DeferredWork(_counters, TimeProvider.System, NullLogger.Instance);
        _listener = new UdpListener(socket, _handler, _work, _counters, NullLogger.Instance, batched);
        _listener.Start("udp receive thread");
    }

    private Socket Client(string from = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 30_000 };
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, _port));
        return socket;
    }

    private static byte[] Receive(Socket socket)
    {
        var buffer = new byte[65535];
        return buffer[..socket.Receive(buffer)];
    }

    [Fact]
    public void DeferredAnswer_LeavesTheReceiveThreadFree_SoAnAnswerGivenAtOnceOvertakesIt()
    {
        using var client = Client();
        client.Send(ScriptedHandler.Query(100)); // its work waits until the test opens the gate
        client.Send(ScriptedHandler.Query(1));

        Assert.Equal(1, ScriptedHandler.IdOf(Receive(client)));
        _handler.Open();
        Assert.Equal(100, ScriptedHandler.IdOf(Receive(client)));
        // Not even the work's first, synchronous steps ran on the receive thread.
        Assert.Equal("(thread pool)", Assert.Single(_handler.WorkThreads));
    }

    [Fact]
    public async Task DeferredAnswers_GoToTheClientsThatAsked_WhoseAddressesTheHandlerSaw()
    {
        using var first = Client("127.0.0.1");
        using var second = Client("127.0.0.2");
        first.Send(ScriptedHandler.Query(101));
        second.Send(ScriptedHandler.Query(102));
        await Eventually.True(() => _handler.Deferred == 2, "both deferred works started");
        _handler.Open();

        Assert.Equal(101, ScriptedHandler.IdOf(Receive(first)));
        Assert.Equal(102, ScriptedHandler.IdOf(Receive(second)));
        Assert.Contains(ClientAddress.FromIPAddress(IPAddress.Parse("127.0.0.2")), _handler.Clients);
        Assert.Contains(ClientAddress.FromIPAddress(IPAddress.Parse("127.0.0.1")), _handler.Clients);
    }

    [Fact]
    public async Task DeferredWorkThatThrows_CountsAsAHandlerFailure_AndTheListenerGoesOn()
    {
        using var client = Client();
        client.Send(ScriptedHandler.Query(300));
        await Eventually.True(() => _counters.HandlerFailures == 1, "the failure of deferred work counted");
        await Eventually.True(() => _work.InFlight == 0, "the failed work no longer counted as in flight");

        client.Send(ScriptedHandler.Query(2));
        Assert.Equal(2, ScriptedHandler.IdOf(Receive(client)));
    }

    [Fact]
    public async Task Stopping_TakesNoNewDeferredWork_AndWaitsForTheAnswerOwed()
    {
        using var client = Client();
        client.Send(ScriptedHandler.Query(103));
        await Eventually.True(() => _handler.Deferred == 1, "the deferred work started");

        _listener.BeginStop();
        var drained = _work.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        client.Send(ScriptedHandler.Query(104)); // answered at once: the listener takes no new work
        var refused = Receive(client);
        Assert.Equal((104, 2), (ScriptedHandler.IdOf(refused), ScriptedHandler.RcodeOf(refused)));
        Assert.False(drained.IsCompleted, "stopping waits while an answer is owed");

        _handler.Open();
        Assert.Equal(103, ScriptedHandler.IdOf(Receive(client)));
        await drained.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Stopping_WaitsForOwedAnswers_OnlyAsLongAsTheBound()
    {
        using var client = Client();
        client.Send(ScriptedHandler.Query(105)); // the gate never opens
        await Eventually.True(() => _handler.Deferred == 1, "the deferred work started");

        _listener.BeginStop();
        await _work.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _work.InFlight);
    }

    public void Dispose()
    {
        _handler.Open();
        _listener.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The deferred answers through recvmmsg/sendmmsg.</summary>
public sealed class BatchedUdpDeferredAnswerTests() : UdpDeferredAnswerTests(batched: true);

/// <summary>The deferred answers through the portable loop.</summary>
public sealed class PortableUdpDeferredAnswerTests() : UdpDeferredAnswerTests(batched: false);
