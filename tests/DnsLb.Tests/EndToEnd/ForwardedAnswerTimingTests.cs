using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Tests.Forwarding;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.DependencyInjection;
using static DnsLb.Tests.Support.ForwardingServer;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// A forwarded query waits for its upstream without holding anything else up: over UDP the socket's one
/// receive thread goes on answering, over TCP a later pipelined query is answered first (RFC 7766
/// §6.2.1.1), and stopping the server lets the forwarded answer go out before the sockets close. The
/// upstream holds its answer until the test releases it, so the order is certain, not a matter of timing.
/// </summary>
public sealed class ForwardedAnswerTimingTests : IDisposable
{
    private const string Outside = "slow.upstream.example.";
    private readonly FakeUpstream _upstream = FakeUpstream.Start();

    public ForwardedAnswerTimingTests()
    {
        _upstream.AddA(Outside, "127.0.0.88");
        _upstream.Mode = UpstreamMode.Held;
    }

    /// <summary>One UDP socket (one receive thread) and an upstream that may take up to a minute.</summary>
    private Task<TestServer> StartAsync() => ForwardingServer.StartAsync([_upstream.Endpoint], new Dictionary<string, string?>
    {
        ["Dns:UdpSocketsPerAddress"] = "1",
        ["Forwarding:AttemptTimeoutMs"] = "10000",
        ["Forwarding:TimeoutMs"] = "30000",
    });

    private static Socket UdpClient(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 60_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static Socket TcpClient(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 60_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static DnsMessage ReceiveUdp(Socket socket)
    {
        var buffer = new byte[65535];
        return DnsTestClient.Parse(buffer[..socket.Receive(buffer)]);
    }

    private static void SendTcp(Socket socket, params DnsMessage[] queries)
    {
        var bytes = new List<byte>();
        foreach (var query in queries)
        {
            var encoded = query.Encode();
            bytes.AddRange([(byte)(encoded.Length >> 8), (byte)encoded.Length, .. encoded]);
        }
        socket.Send(bytes.ToArray());
    }

    private static DnsMessage ReceiveTcp(Socket socket)
    {
        var prefix = DnsTestClient.ReceiveExactly(socket, 2);
        return DnsTestClient.Parse(DnsTestClient.ReceiveExactly(socket, BinaryPrimitives.ReadUInt16BigEndian(prefix)));
    }

    [Fact]
    public async Task SlowUpstream_DoesNotDelayAuthoritativeAnswers_OnTheSameUdpSocket()
    {
        await using var server = await StartAsync();
        using var client = UdpClient(server.Port);

        client.Send(Recursive(Outside, RecordType.A, id: 1).Encode());
        await Eventually.True(() => _upstream.Queries >= 1, "the upstream holds the forwarded query");
        client.Send(Recursive("twopir.example.com.", RecordType.A, id: 2).Encode());
        var authoritative = ReceiveUdp(client);
        _upstream.Release();
        var forwarded = ReceiveUdp(client);

        Assert.Equal(2, authoritative.Header.Id);
        Assert.Equal(3, authoritative.Answers.Count);
        Assert.Equal(1, forwarded.Header.Id);
        Assert.Equal("127.0.0.88", Assert.Single(forwarded.Answers).Data.ToString());
    }

    [Fact]
    public async Task PipelinedTcpQueries_TheAuthoritativeAnswerOvertakesTheForwardedOne()
    {
        await using var server = await StartAsync();
        using var client = TcpClient(server.Port);

        SendTcp(client, Recursive(Outside, RecordType.A, id: 11), Recursive("www.example.com.", RecordType.A, id: 12));
        var first = ReceiveTcp(client);
        _upstream.Release();
        var second = ReceiveTcp(client);

        Assert.Equal(12, first.Header.Id);
        Assert.True(first.Header.IsAuthoritative);
        Assert.Equal(11, second.Header.Id);
        Assert.Equal("127.0.0.88", Assert.Single(second.Answers).Data.ToString());
        Assert.True(second.Header.RecursionAvailable);
    }

    [Fact]
    public async Task Stopping_LetsForwardedAnswersInFlightGoOut_OverUdpAndTcp()
    {
        var server = await StartAsync();
        var tcpListener = server.Services.GetRequiredService<DnsListeners>().TcpListeners.Single();
        using var udp = UdpClient(server.Port);
        using var tcp = TcpClient(server.Port);
        udp.Send(Recursive(Outside, RecordType.A, id: 21).Encode());
        SendTcp(tcp, Recursive(Outside, RecordType.A, id: 22));
        var forwarding = server.Services.GetRequiredService<IForwarder>().Counters;
        await Eventually.True(() => forwarding.CacheMisses == 2 && tcpListener.Work.InFlight == 1, "both queries wait for the upstream");

        var stopping = server.DisposeAsync().AsTask();
        await Eventually.True(() => tcpListener.Work.IsClosed, "the server is stopping");
        _upstream.Release();
        var overUdp = ReceiveUdp(udp);
        var overTcp = ReceiveTcp(tcp);

        Assert.Equal((21, "127.0.0.88"), (overUdp.Header.Id, Assert.Single(overUdp.Answers).Data.ToString()));
        Assert.Equal((22, "127.0.0.88"), (overTcp.Header.Id, Assert.Single(overTcp.Answers).Data.ToString()));
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _upstream.Dispose();
}
