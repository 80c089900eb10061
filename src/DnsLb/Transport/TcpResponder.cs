using DnsLb.Answering;

namespace DnsLb.Transport;

/// <summary>
/// The way back to one TCP client for a deferred answer: its connection, which frames and serialises the
/// messages. While the work runs the connection counts it, so it is not closed as idle.
/// </summary>
internal sealed class TcpResponder(TcpConnection connection, CancellationToken aborted, Func<IDnsResponder, Task> respond, DeferredWork work)
    : DeferredResponder(respond, work)
{
    public override DnsTransport Transport => DnsTransport.Tcp;

    public override ClientAddress Client => connection.Client;

    public override CancellationToken Aborted => aborted;

    public override ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message) => connection.SendAsync(message);

    public override void OnCompleted() => connection.ExitWork();
}
