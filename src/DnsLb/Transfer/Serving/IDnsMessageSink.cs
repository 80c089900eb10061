namespace DnsLb.Transfer.Serving;

/// <summary>
/// Where the messages of a response go, one after the other: for a zone transfer, the client's TCP
/// connection (the transport adds each message's two-byte length, RFC 1035 §4.2.2). The bytes are lent:
/// valid until the returned task completes, after which the writer reuses the buffer.
/// </summary>
public interface IDnsMessageSink
{
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
