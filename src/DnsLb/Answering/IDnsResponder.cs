namespace DnsLb.Answering;

/// <summary>
/// The way back to one client for a query answered later (see <see cref="QueryContext.TryDefer"/>). Over UDP
/// each message is one datagram to the client's address; over TCP each is framed with its two-byte length
/// (RFC 1035 §4.2.2) on the client's connection, and may come before or after answers to queries sent
/// after it (RFC 7766 §6.2.1.1). Messages of one responder go out in the order sent, each whole: writes to a
/// connection are serialised, so a zone transfer's messages are never cut by another answer.
/// </summary>
public interface IDnsResponder
{
    DnsTransport Transport { get; }

    ClientAddress Client { get; }

    /// <summary>Cancelled when the answer can no longer be delivered: the client's connection closed, or the listener stopped.</summary>
    CancellationToken Aborted { get; }

    /// <summary>
    /// Sends one whole DNS message (at most 65535 bytes; over UDP the handler keeps to the client's payload
    /// size). False when it could not be sent: the client or the listener is gone. Never throws for that.
    /// </summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message);
}
