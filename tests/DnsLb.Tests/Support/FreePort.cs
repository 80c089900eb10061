using System.Net;
using System.Net.Sockets;

namespace DnsLb.Tests.Support;

/// <summary>A loopback port that is free for both UDP and TCP right now (for programs we start).</summary>
internal static class FreePort
{
    public static int Find() => Find("127.0.0.1");

    /// <summary>A port free for both UDP and TCP on <paramref name="address"/> (another loopback address: 127.0.0.21, ...).</summary>
    public static int Find(string address)
    {
        var ip = IPAddress.Parse(address);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(ip, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(ip, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for TCP; try another
            }
        }
        throw new InvalidOperationException("no free loopback port");
    }
}
