using System.Net;
using System.Net.Sockets;
using DnsLb.Transport;

namespace DnsLb.Tests.Transport;

/// <summary>
/// A SO_REUSEPORT group with the steering program gives each datagram to socket <c>ID mod n</c>, by the DNS
/// message's ID, whichever client port sent it (the kernel's hash would choose by the port instead), and a
/// datagram too short for an ID to the first socket.
/// </summary>
public sealed class ReusePortSteeringTests
{
    private const int Group = 3;

    [Fact]
    public async Task EachDatagram_GoesToTheSocketOfItsId_WhicheverPortSentIt()
    {
        if (!OperatingSystem.IsLinux())
            return; // SO_REUSEPORT groups and their programs are Linux's
        var (group, endpoint) = BindGroup();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var otherSender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            Assert.True(ReusePortSteering.TryAttach(group[0], Group));
            var seen = new HashSet<int>();
            foreach (ushort id in new ushort[] { 0, 1, 2, 3, 4, 5, 0x1234, 0xFFFF, 0x8000 })
            {
                foreach (var from in new[] { sender, otherSender })
                {
                    from.SendTo(Query(id), endpoint);
                    int socket = await ReceivedByAsync(group);
                    Assert.Equal(id % Group, socket);
                    seen.Add(socket);
                }
            }
            Assert.Equal(Group, seen.Count); // every socket got its share

            sender.SendTo([0x42], endpoint); // one byte: no ID to read
            Assert.Equal(0, await ReceivedByAsync(group));
        }
        finally
        {
            group.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task WithoutTheProgram_OnePortsDatagramsAllGoToOneSocket()
    {
        // What the program changes: the kernel's hash keeps a client port on one socket whatever the IDs.
        if (!OperatingSystem.IsLinux())
            return;
        var (group, endpoint) = BindGroup();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var seen = new HashSet<int>();
            for (ushort id = 0; id < 12; id++)
            {
                sender.SendTo(Query(id), endpoint);
                seen.Add(await ReceivedByAsync(group));
            }
            Assert.Single(seen);
        }
        finally
        {
            group.ForEach(s => s.Dispose());
        }
    }

    private static (List<Socket> Group, IPEndPoint Endpoint) BindGroup()
    {
        var group = new List<Socket> { SocketFactory.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), reusePort: true) };
        var endpoint = (IPEndPoint)group[0].LocalEndPoint!;
        for (int i = 1; i < Group; i++)
            group.Add(SocketFactory.BindUdp(endpoint, reusePort: true));
        return (group, endpoint);
    }

    /// <summary>A bare DNS header with <paramref name="id"/>.</summary>
    private static byte[] Query(ushort id)
    {
        var header = new byte[12];
        header[0] = (byte)(id >> 8);
        header[1] = (byte)id;
        return header;
    }

    /// <summary>The index of the socket the datagram just sent reached (bounded wait), after taking it out.</summary>
    private static async Task<int> ReceivedByAsync(List<Socket> group)
    {
        var buffer = new byte[16];
        for (int wait = 0; wait < 3000; wait++)
        {
            for (int i = 0; i < group.Count; i++)
            {
                if (group[i].Available > 0)
                {
                    group[i].Receive(buffer);
                    return i;
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("the datagram reached no socket of the group");
    }
}
