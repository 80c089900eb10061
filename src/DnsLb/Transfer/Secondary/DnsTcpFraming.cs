using System.Buffers.Binary;

namespace DnsLb.Transfer.Secondary;

/// <summary>DNS messages over a TCP stream, each behind its two-byte length (RFC 1035 §4.2.2, RFC 7766 §8).</summary>
internal static class DnsTcpFraming
{
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed.AsMemory(2));
        await stream.WriteAsync(framed, cancellationToken);
    }

    /// <summary>The next message, or null when the peer closed the connection between messages.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        int read = await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
            return null;
        if (read < 2)
            throw new EndOfStreamException("the connection closed inside a length prefix");
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, cancellationToken);
        return message;
    }
}
