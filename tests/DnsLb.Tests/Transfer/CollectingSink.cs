using DnsLb.Transfer.Serving;

namespace DnsLb.Tests.Transfer;

/// <summary>A sink that keeps a copy of every message sent through it.</summary>
internal sealed class CollectingSink : IDnsMessageSink
{
    public List<byte[]> Messages { get; } = [];

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Messages.Add(message.ToArray());
        return ValueTask.CompletedTask;
    }
}
