using System.Net;
using System.Net.Sockets;

namespace DnsLb.Tests.Support;

/// <summary>
/// A loopback port that is free for both UDP and TCP right now (for programs we start). It is drawn below
/// the kernel's ephemeral range: a port the kernel hands out itself (bind to 0, or any outgoing connection of
/// a test running beside) can be taken again by another socket between this check and the program's bind.
/// </summary>
internal static class FreePort
{
    public static int Find() => Find("127.0.0.1");

    /// <summary>A port free for both UDP and TCP on <paramref name="address"/> (another loopback address: 127.0.0.21, ...).</summary>
    public static int Find(string address)
    {
        var ip = IPAddress.Parse(address);
        int below = EphemeralLow();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            int port = Random.Shared.Next(10_000, below);
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(ip, port));
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(ip, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP or TCP; try another
            }
        }
        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux: ip_local_port_range), 32768 elsewhere.</summary>
    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out int low) && low > 11_000)
            return low;
        return 32_768;
    }
}
