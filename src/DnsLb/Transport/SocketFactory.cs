using System.Net;
using System.Net.Sockets;

namespace DnsLb.Transport;

/// <summary>Creates bound UDP and TCP sockets with the options a DNS server wants.</summary>
internal static class SocketFactory
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>
    /// A UDP socket; with <paramref name="reusePort"/> several sockets share the port and the Linux kernel
    /// spreads datagrams over them (SO_REUSEPORT), one receive thread each.
    /// </summary>
    public static Socket BindUdp(IPEndPoint endpoint, bool reusePort)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            Prepare(socket, endpoint);
            if (reusePort)
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Socket BindTcp(IPEndPoint endpoint, int backlog)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Prepare(socket, endpoint);
            // On Linux this only lets a restart bind past TIME_WAIT; two listeners still cannot share the port.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Prepare(Socket socket, IPEndPoint endpoint)
    {
        // "::" must not also take the IPv4 port: 0.0.0.0 is bound by its own socket.
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            socket.DualMode = false;
    }
}
