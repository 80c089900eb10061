using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// RFC 7766 §6.2.3: idle TCP connections are closed, connections are bounded, and at the bound idle ones
/// make room for new ones, so stalled connections never lock real queries out.
/// </summary>
public sealed class TcpLimitsTests
{
    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>True when the server closed the connection (read returns 0) within the generous bound.</summary>
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
    public async Task Tcp_IdleConnection_IsClosedByTheServer()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?> { ["Dns:TcpIdleTimeoutMs"] = "300" });
        using var socket = Connect(server.Port);
        Assert.True(ClosedByServer(socket));
    }

    [Fact]
    public async Task Tcp_ConnectionOverTheLimit_TakesThePlaceOfTheLongestIdle()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?> { ["Dns:MaxTcpConnections"] = "2" });
        using var first = Connect(server.Port); // sends nothing: idle since it was accepted
        using var second = Connect(server.Port);
        Assert.Equal(3, Ask(second).Answers.Count); // accepted after the first, and active since

        using var third = Connect(server.Port);
        Assert.Equal(3, Ask(third).Answers.Count);
        Assert.True(ClosedByServer(first));
        Assert.Equal(3, Ask(second).Answers.Count);
    }

    [Fact]
    public async Task Tcp_FloodOfStalledConnections_DoesNotLockOutRealQueries()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example());
        var counters = server.Services.GetRequiredService<TransportCounters>();
        // Several hundred connections that open and send nothing, more than the 256 slots of the default.
        var stalled = new List<Socket>();
        try
        {
            for (int i = 0; i < 400; i++)
                stalled.Add(Connect(server.Port));
            for (int i = 0; i < 20; i++)
            {
                using var real = Connect(server.Port);
                var answer = Ask(real);
                Assert.Equal(0, answer.ResponseCode);
                Assert.Equal(3, answer.Answers.Count);
            }
            Assert.Equal(0, counters.ConnectionsRefused);
            Assert.Equal(0, counters.Listeners.Single(l => l.Name.StartsWith("tcp ", StringComparison.Ordinal)).ConnectionsRefused);
            // Each real connection is closed by its client before the next, so only the first needed a slot made.
            Assert.True(counters.ConnectionsClosedIdle >= 400 + 1 - 256, $"{counters.ConnectionsClosedIdle} idle connections closed");
        }
        finally
        {
            stalled.ForEach(s => s.Dispose());
        }
    }

    private static DnsMessage Ask(Socket socket)
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 5).Encode();
        socket.Send([(byte)(query.Length >> 8), (byte)query.Length, .. query]);
        var prefix = DnsTestClient.ReceiveExactly(socket, 2);
        return DnsTestClient.Parse(DnsTestClient.ReceiveExactly(socket, (prefix[0] << 8) | prefix[1]));
    }
}
