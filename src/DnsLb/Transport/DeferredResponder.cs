using DnsLb.Answering;

namespace DnsLb.Transport;

/// <summary>
/// A responder handed to deferred work (see <see cref="QueryContext.TryDefer"/>), and the thread-pool work
/// item that runs it: queuing it allocates nothing more than the responder itself.
/// </summary>
internal abstract class DeferredResponder(Func<IDnsResponder, Task> respond, DeferredWork work) : IDnsResponder, IThreadPoolWorkItem
{
    public abstract DnsTransport Transport { get; }

    public abstract ClientAddress Client { get; }

    public abstract CancellationToken Aborted { get; }

    public abstract ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message);

    /// <summary>The handler's work for this query.</summary>
    public Func<IDnsResponder, Task> Respond => respond;

    /// <summary>Called once when the work has ended, however it ended.</summary>
    public virtual void OnCompleted()
    {
    }

    void IThreadPoolWorkItem.Execute() => _ = work.RunAsync(this);
}
