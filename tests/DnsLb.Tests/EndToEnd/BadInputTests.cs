using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// Thousands of random and mutated packets over UDP and TCP: afterwards the server still answers a valid
/// query correctly, and its managed memory has not grown without bound.
/// </summary>
public sealed class BadInputTests
{
    private static readonly byte[][] Seeds =
    [
        DnsMessage.Query("twopir.example.com.", RecordType.A, 1, ednsPayload: 1232).Encode(),
        DnsMessage.Query("www.example.com.", RecordType.AAAA, 2).Encode(),
        DnsMessage.Query("nope.example.com.", RecordType.ANY, 3, ednsPayload: 512).Encode(),
        DnsMessage.Query("many.example.com.", RecordType.A, 4).Encode(),
    ];

    private static byte[] NextPacket(Random random, int index)
    {
        if (index % 2 == 0)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 2)
                bytes[2] &= 0x7F; // mostly "queries", so they reach the parser instead of being dropped at QR
            return bytes;
        }
        var mutated = (byte[])Seeds[random.Next(Seeds.Length)].Clone();
        for (int flips = random.Next(1, 8); flips > 0; flips--)
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
        if (random.Next(4) == 0)
            mutated = mutated[..random.Next(mutated.Length)];
        if (mutated.Length > 2)
            mutated[2] &= 0x7F;
        return mutated;
    }

    [Fact]
    public async Task RandomAndMutatedPackets_OverUdpAndTcp_LeaveTheServerAnswering()
    {
        await using var server = await TestServer.StartAsync(TestZones.Example());
        var random = new Random(20261121);
        SendBadPackets(server.Port, random, 3000); // warm up: the first round's buffers and JIT are not growth
        long before = ManagedMemory();

        SendBadPackets(server.Port, random, 10_000);
        SendBadTcp(server.Port, random, connections: 300);

        var udp = DnsTestClient.Udp(server.Port, "twopir.example.com.", RecordType.A);
        Assert.Equal(3, udp.Answers.Count);
        var tcp = DnsTestClient.Tcp(server.Port, "www.example.com.", RecordType.A);
        Assert.Equal(4, tcp.Answers.Count);

        long growth = ManagedMemory() - before;
        Assert.True(growth < 32 * 1024 * 1024, $"managed memory grew by {growth / 1024} KiB");
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void SendBadPackets(int port, Random random, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        socket.ReceiveTimeout = 2000;
        var buffer = new byte[65535];
        for (int i = 0; i < count; i++)
        {
            socket.Send(NextPacket(random, i));
            // Keep at most a few packets in flight so the kernel does not drop our probes for us.
            if (i % 16 == 15)
                Drain(socket, buffer);
        }
        Drain(socket, buffer);
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

    private static void SendBadTcp(int port, Random random, int connections)
    {
        for (int c = 0; c < connections; c++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 2000 };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            for (int m = random.Next(1, 6); m > 0; m--)
            {
                var packet = NextPacket(random, c + m);
                // Sometimes a length prefix that lies about the length, sometimes a half-sent message.
                int claimed = random.Next(5) == 0 ? random.Next(65536) : packet.Length;
                try
                {
                    socket.Send([(byte)(claimed >> 8), (byte)claimed, .. packet]);
                }
                catch (SocketException)
                {
                    break; // the server closed a connection whose framing made no sense
                }
            }
            socket.Shutdown(SocketShutdown.Send);
        }
    }
}
