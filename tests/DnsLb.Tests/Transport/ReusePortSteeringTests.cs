using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DnsLb.Transport;

namespace DnsLb.Tests.Transport;

/// <summary>
/// A SO_REUSEPORT group with the steering program gives each datagram to the socket of the CPU that received
/// it. Over loopback a datagram is received on the CPU that sent it, during the send, so datagrams sent from
/// many client ports on one CPU must all reach one socket (the kernel's hash of the ports would spread them).
/// </summary>
public sealed class ReusePortSteeringTests
{
    private const int Group = 2;
    private const int Senders = 16;

    [DllImport("libc", EntryPoint = "sched_getcpu")]
    private static extern int CurrentCpu();

    [Fact]
    public async Task DatagramsReceivedOnOneCpu_AllGoToThatCpusSocket()
    {
        if (!OperatingSystem.IsLinux())
            return; // SO_REUSEPORT groups and their programs are Linux's
        var group = new List<Socket> { SocketFactory.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), reusePort: true) };
        var endpoint = (IPEndPoint)group[0].LocalEndPoint!;
        for (int i = 1; i < Group; i++)
            group.Add(SocketFactory.BindUdp(endpoint, reusePort: true));
        var senders = Enumerable.Range(0, Senders).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToList();
        try
        {
            Assert.True(ReusePortSteering.TryAttach(group[0], Group));

            int landed = 0;
            for (int attempt = 0; attempt < 10_000 && landed < Senders; attempt++)
            {
                var sender = senders[landed];
                int before = CurrentCpu();
                sender.SendTo([1], endpoint);
                int after = CurrentCpu();
                int socket = await ReceivedByAsync(group);
                if (before != after)
                    continue; // moved to another CPU during the send: which one received it is not known
                Assert.Equal(before % Group, socket);
                landed++;
            }
            Assert.Equal(Senders, landed);
        }
        finally
        {
            group.ForEach(s => s.Dispose());
            senders.ForEach(s => s.Dispose());
        }
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
