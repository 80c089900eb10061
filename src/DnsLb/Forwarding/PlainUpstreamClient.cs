using System.Buffers;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// A plain DNS upstream: UDP first, TCP when the UDP answer is truncated (RFC 7766 §5). Every UDP query
/// has its own socket bound to port 0, so the kernel picks a fresh random source port (RFC 5452 §9.2), and
/// is connected to the upstream, so the kernel drops datagrams from any other address or port (and a dead
/// upstream's ICMP port-unreachable fails the attempt at once instead of after the timeout).
/// </summary>
internal sealed class PlainUpstreamClient(IPEndPoint endpoint) : IUpstreamClient
{
    private const int MaxDatagram = ushort.MaxValue;
    private readonly SocketAddress _expected = endpoint.Serialize();

    public async Task<byte[]> QueryAsync(UpstreamQuestion question, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            await socket.ConnectAsync(endpoint, cancellationToken);
            ushort id = UpstreamQuery.NewId();
            int length = UpstreamQuery.Write(buffer, id, question);
            await socket.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, cancellationToken);
            var source = new SocketAddress(endpoint.AddressFamily);
            while (true)
            {
                int received = await socket.ReceiveFromAsync(buffer.AsMemory(0, MaxDatagram), SocketFlags.None, source, cancellationToken);
                var message = buffer.AsSpan(0, received);
                // The source check repeats the kernel's for connected sockets; ID and question are ours to check.
                if (!SameEndpoint(source, _expected) || !UpstreamQuery.Matches(message, id, question))
                    continue;
                if (DnsHeader.TryRead(message, out var header) && header.IsTruncated)
                    return await TcpExchange.QueryAsync(endpoint, question, cancellationToken);
                return message.ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Same family, port and address (sockaddr_in/sockaddr_in6 layout; IPv6 flow label and scope aside).</summary>
    private static bool SameEndpoint(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family)
            return false;
        var x = a.Buffer.Span;
        var y = b.Buffer.Span;
        return a.Family == AddressFamily.InterNetworkV6
            ? x.Slice(2, 2).SequenceEqual(y.Slice(2, 2)) && x.Slice(8, 16).SequenceEqual(y.Slice(8, 16))
            : x.Slice(2, 6).SequenceEqual(y.Slice(2, 6));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
