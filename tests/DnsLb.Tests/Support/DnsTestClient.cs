using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>
/// Sends queries over real UDP and TCP sockets to a loopback server and decodes the answers. <c>from</c> binds
/// the client to another loopback address (127.0.0.2, ...), as a second machine on the LAN would be.
/// </summary>
internal static class DnsTestClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static DnsMessage Udp(int port, DnsMessage query, string address = "127.0.0.1", string? from = null) => Parse(UdpRaw(port, query.Encode(), address, from));

    public static DnsMessage Tcp(int port, DnsMessage query, string address = "127.0.0.1", string? from = null) => Parse(TcpRaw(port, [query.Encode()], address, from)[0]);

    public static DnsMessage Udp(int port, string name, RecordType type, ushort? edns = 1232) =>
        Udp(port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), edns));

    public static DnsMessage Tcp(int port, string name, RecordType type, ushort? edns = 1232) =>
        Tcp(port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), edns));

    /// <summary>One datagram out, one back (or null after the timeout).</summary>
    public static byte[]? TryUdpRaw(int port, byte[] query, TimeSpan timeout, string address = "127.0.0.1", string? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (from is not null)
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        socket.Connect(new IPEndPoint(IPAddress.Parse(address), port));
        socket.Send(query);
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var buffer = new byte[65535];
        try
        {
            int n = socket.Receive(buffer);
            return buffer[..n];
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return null;
        }
    }

    public static byte[] UdpRaw(int port, byte[] query, string address = "127.0.0.1", string? from = null) =>
        TryUdpRaw(port, query, Timeout, address, from) ?? throw new TimeoutException($"no UDP answer from {address}:{port}");

    /// <summary>Several queries on one TCP connection (RFC 7766 pipelining); the answers in order.</summary>
    public static List<byte[]> TcpRaw(int port, IReadOnlyList<byte[]> queries, string address = "127.0.0.1", string? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        if (from is not null)
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        socket.Connect(new IPEndPoint(IPAddress.Parse(address), port));
        foreach (var query in queries)
        {
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            socket.Send(framed);
        }
        var answers = new List<byte[]>();
        for (int i = 0; i < queries.Count; i++)
        {
            var prefix = ReceiveExactly(socket, 2);
            answers.Add(ReceiveExactly(socket, BinaryPrimitives.ReadUInt16BigEndian(prefix)));
        }
        return answers;
    }

    public static byte[] ReceiveExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            int n = socket.Receive(buffer, filled, count - filled, SocketFlags.None);
            if (n == 0)
                throw new IOException("connection closed early");
            filled += n;
        }
        return buffer;
    }

    public static DnsMessage Parse(byte[] bytes)
    {
        var status = DnsMessage.TryParse(bytes, out var message);
        Assert.True(status == ParseStatus.Ok, $"response does not parse: {status}");
        return message!;
    }
}
