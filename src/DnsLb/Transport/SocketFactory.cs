using System.Net;
using System.Net.Sockets;

namespace DnsLb.Transport;

/// <summary>Creates bound UDP and TCP sockets with the options a DNS server wants.</summary>
internal static class SocketFactory
{
    // Linux's values (the only platform these raw options are set on).
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
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

    /// <summary>
    /// Binds a plain UDP socket (no reuse option) and closes it again: it fails with AddressAlreadyInUse
    /// when any socket holds the address, a SO_REUSEPORT group of another process included, which a
    /// SO_REUSEPORT socket of ours would silently join.
    /// </summary>
    public static void ProbeUdp(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Prepare(socket, endpoint);
        socket.Bind(endpoint);
    }

    /// <summary>
    /// A listening TCP socket that no other socket can share. SO_REUSEADDR is set directly: .NET's
    /// ReuseAddress option also sets SO_REUSEPORT on Linux, which let a second DnsLb bind the same port
    /// and take half of the connections.
    /// </summary>
    public static Socket BindTcp(IPEndPoint endpoint, int backlog)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Prepare(socket, endpoint);
            if (OperatingSystem.IsLinux())
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1)); // restart past TIME_WAIT
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
