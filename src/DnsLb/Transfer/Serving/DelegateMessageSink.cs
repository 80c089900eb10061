namespace DnsLb.Transfer.Serving;

/// <summary>An <see cref="IDnsMessageSink"/> made of a function: how a responder's send method plugs in.</summary>
public sealed class DelegateMessageSink(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send) : IDnsMessageSink
{
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) => send(message, cancellationToken);
}
