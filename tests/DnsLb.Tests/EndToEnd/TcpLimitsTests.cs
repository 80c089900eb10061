using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>RFC 7766 §6.2.3: idle TCP connections are closed, and connections are bounded.</summary>
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
    public async Task Tcp_ConnectionsOverTheLimit_AreClosed_WhileOthersAreServed()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?> { ["Dns:MaxTcpConnections"] = "2" });
        using var first = Connect(server.Port);
        using var second = Connect(server.Port);
        // Both held connections are served (which also proves both were accepted before the third).
        foreach (var held in new[] { first, second })
            Assert.Equal(3, Ask(held).Answers.Count);
        using var third = Connect(server.Port);
        Assert.True(ClosedByServer(third));

        first.Close();
        // Once a slot is free again, a new connection is served (bounded wait: the slot frees asynchronously).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var next = Connect(server.Port);
            try
            {
                Assert.Equal(3, Ask(next).Answers.Count);
                break;
            }
            catch (Exception e) when (e is IOException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
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
