using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// Random and mutated packets through the real query engine: straight into the handler (where an exception
/// reaches the test as it is) and over real UDP and TCP sockets (where the listeners count handler failures,
/// and the test asserts there were none). A run with a handler that fails on purpose shows the second kind
/// of test would see a failure. Afterwards the server still answers correctly, and its memory is bounded.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task BadPackets_StraightIntoTheEngine_NeverThrow_AndEveryResponseIsWellFormed()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example());
        var handler = server.Services.GetRequiredService<IDnsQueryHandler>();
        var packets = new BadPackets(seed: 6);
        var response = new byte[65535];
        int answered = 0;
        for (int i = 0; i < 200_000; i++)
        {
            var query = packets.Next();
            var transport = i % 2 == 0 ? DnsTransport.Udp : DnsTransport.Tcp;
            int length = handler.Handle(query, response, new QueryContext(transport));
            if (length == 0)
                continue;
            answered++;
            string what = $"response to {Convert.ToHexString(query)} over {transport}";
            Assert.True(length >= 12 && (transport == DnsTransport.Tcp || length <= Edns.OurPayloadSize), $"{what}: {length} bytes");
            Assert.True(response.AsSpan(0, 2).SequenceEqual(query.AsSpan(0, 2)), $"{what}: the ID is not the query's");
            Assert.True((response[2] & 0x80) != 0, $"{what}: QR is not set");
            Assert.True(DnsMessage.TryParse(response.AsSpan(0, length), out _) == ParseStatus.Ok, $"{what}: does not parse: {Convert.ToHexString(response, 0, length)}");
        }
        Assert.True(answered > 50_000, $"only {answered} of the packets were answered: the generator no longer reaches the engine");
    }

    [Fact]
    public async Task BadPackets_OverUdpAndTcp_CauseNoHandlerFailure_AndLeaveTheServerAnswering()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example());
        var counters = server.Services.GetRequiredService<TransportCounters>();
        var packets = new BadPackets(seed: 20261121);
        SendOverUdp(server.Port, packets, 3000); // warm up: the first round's buffers and JIT are not growth
        long before = ManagedMemory();

        SendOverUdp(server.Port, packets, 10_000);
        SendOverTcp(server.Port, packets, connections: 300);
        await AllTcpConnectionsClosed(server);

        Assert.Equal(0, counters.Failures);
        Assert.Equal(3, DnsTestClient.Udp(server.Port, "twopir.example.com.", RecordType.A).Answers.Count);
        Assert.Equal(4, DnsTestClient.Tcp(server.Port, "www.example.com.", RecordType.A).Answers.Count);
        long growth = ManagedMemory() - before;
        Assert.True(growth < 32 * 1024 * 1024, $"managed memory grew by {growth / 1024} KiB");
    }

    /// <summary>The engine with a bug planted: it throws on queries whose header carries rcode 13.</summary>
    private sealed class PlantedBug(IDnsQueryHandler engine) : IDnsQueryHandler
    {
        public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context) =>
            query.Length >= 4 && (query[3] & 0x0F) == 13 ? throw new InvalidOperationException("planted bug") : engine.Handle(query, response, context);
    }

    [Fact]
    public async Task BadPackets_OverUdpAndTcp_WithABuggyHandler_AreSeenAsFailures_AndTheServerGoesOn()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example(), replace: services =>
        {
            services.AddSingleton<QueryEngine>();
            services.AddSingleton<IDnsQueryHandler>(sp => new PlantedBug(sp.GetRequiredService<QueryEngine>()));
        });
        var counters = server.Services.GetRequiredService<TransportCounters>();
        var packets = new BadPackets(seed: 20261121);
        SendOverUdp(server.Port, packets, 3000);
        Assert.True(counters.HandlerFailures > 0, "UDP handler failures counted");
        long afterUdp = counters.HandlerFailures;
        SendOverTcp(server.Port, packets, connections: 300);
        await AllTcpConnectionsClosed(server);
        Assert.True(counters.HandlerFailures > afterUdp, "TCP handler failures counted");

        Assert.Equal(3, DnsTestClient.Udp(server.Port, "twopir.example.com.", RecordType.A).Answers.Count);
        Assert.Equal(4, DnsTestClient.Tcp(server.Port, "www.example.com.", RecordType.A).Answers.Count);
    }

    /// <summary>Every connection the test opened has ended on the server too, so no query of theirs is still being handled.</summary>
    private static Task AllTcpConnectionsClosed(TestServer server)
    {
        var listeners = server.Services.GetRequiredService<DnsListeners>();
        return Eventually.True(() => listeners.TcpListeners.All(l => l.Connections == 0), "the server closed every test connection");
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void SendOverUdp(int port, BadPackets packets, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var buffer = new byte[65535];
        for (int i = 0; i < count; i++)
        {
            socket.Send(packets.Next());
            // Keep at most a few packets in flight so the kernel does not drop them for us.
            if (i % 16 == 15)
                Drain(socket, buffer);
        }
        Drain(socket, buffer);
        // One valid query last: once it is answered, every packet before it on this socket has been handled.
        socket.Send(DnsMessage.Query("twopir.example.com.", RecordType.A, 4242).Encode());
        socket.ReceiveTimeout = 30_000;
        while (true)
        {
            int n = socket.Receive(buffer);
            if (n >= 2 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == 4242)
                break;
        }
    }

    private static void Drain(Socket socket, byte[] buffer)
    {
        while (socket.Poll(2_000, SelectMode.SelectRead))
        {
            try
            {
                socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return;
            }
        }
    }

    private static void SendOverTcp(int port, BadPackets packets, int connections)
    {
        var random = new Random(connections);
        for (int c = 0; c < connections; c++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000 };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            bool framingLied = false;
            for (int m = random.Next(1, 6); m > 0 && !framingLied; m--)
            {
                var packet = packets.Next();
                // Sometimes a length prefix that lies about the length, sometimes a half-sent message.
                framingLied = random.Next(5) == 0;
                int claimed = framingLied ? random.Next(65536) : packet.Length;
                try
                {
                    socket.Send([(byte)(claimed >> 8), (byte)claimed, .. packet]);
                }
                catch (SocketException)
                {
                    break; // the server closed a connection whose framing made no sense
                }
            }
            if (!framingLied)
                EndWithAValidQuery(socket);
        }
    }

    /// <summary>Sends one valid query on a connection whose framing held and reads until its answer: all before it was handled.</summary>
    private static void EndWithAValidQuery(Socket socket)
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 4343).Encode();
        try
        {
            socket.Send([(byte)(query.Length >> 8), (byte)query.Length, .. query]);
            while (true)
            {
                var prefix = DnsTestClient.ReceiveExactly(socket, 2);
                var answer = DnsTestClient.ReceiveExactly(socket, BinaryPrimitives.ReadUInt16BigEndian(prefix));
                if (BinaryPrimitives.ReadUInt16BigEndian(answer) == 4343)
                    return;
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // A zero-length message closes the connection (not a DNS message), taking the rest with it.
        }
    }
}
