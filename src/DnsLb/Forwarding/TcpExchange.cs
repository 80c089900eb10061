using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DnsLb.Forwarding;

/// <summary>
/// One query over a fresh TCP connection (RFC 7766; each message behind a two-byte length, RFC 1035 §4.2.2):
/// used when a UDP answer came back truncated.
/// </summary>
internal static class TcpExchange
{
    public static async Task<byte[]> QueryAsync(IPEndPoint endpoint, UpstreamQuestion question, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, cancellationToken);
        ushort id = UpstreamQuery.NewId();
        var buffer = ArrayPool<byte>.Shared.Rent(2 + UpstreamQuery.MaxLength);
        try
        {
            int length = UpstreamQuery.Write(buffer.AsSpan(2, UpstreamQuery.MaxLength), id, question);
            BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
            await socket.SendAsync(buffer.AsMemory(0, length + 2), SocketFlags.None, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var prefix = new byte[2];
        while (true)
        {
            await stream.ReadExactlyAsync(prefix, cancellationToken);
            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            await stream.ReadExactlyAsync(message, cancellationToken);
            if (UpstreamQuery.Matches(message, id, question))
                return message;
            // Anything else on our own connection is noise: keep reading until our answer or the timeout.
        }
    }
}
