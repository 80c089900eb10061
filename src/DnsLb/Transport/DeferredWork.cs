using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// The answers one listener still owes: work handed over by <see cref="QueryContext.TryDefer"/>. Each runs on
/// the thread pool, so the receiving thread goes on to the next query at once and never waits for an upstream.
/// Work in flight is counted, so that stopping can wait for it (bounded); an exception from it is counted on
/// the listener's <see cref="ListenerCounters.HandlerFailures"/> and logged, like a handler's own; once the
/// listener is stopping no new work is taken.
/// </summary>
internal sealed partial class DeferredWork(ListenerCounters counters, TimeProvider time, ILogger logger)
{
    private int _inFlight;
    private volatile bool _closed;

    /// <summary>Work started and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True once the listener is stopping: no new work is taken.</summary>
    public bool IsClosed => _closed;

    /// <summary>Queues <paramref name="responder"/>'s work on the thread pool; false once closed.</summary>
    public bool TryStart(DeferredResponder responder)
    {
        if (_closed)
            return false;
        Interlocked.Increment(ref _inFlight);
        ThreadPool.UnsafeQueueUserWorkItem(responder, preferLocal: false);
        return true;
    }

    /// <summary>Runs the work to its end; whatever happens, the responder is completed and the work no longer counted.</summary>
    public async Task RunAsync(DeferredResponder responder)
    {
        try
        {
            await responder.Respond(responder).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (responder.Aborted.IsCancellationRequested)
        {
            // The client or the listener went away: nobody is waiting for this answer any more.
        }
        catch (Exception e)
        {
            // A bug must cost one query, never the listener; the counter lets tests see it.
            counters.HandlerFailed();
            LogDeferredFailed(logger, e);
        }
        finally
        {
            responder.OnCompleted();
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Takes no more work.</summary>
    public void Close() => _closed = true;

    /// <summary>Waits until no work is in flight, at most <paramref name="bound"/> (or until <paramref name="cancellationToken"/> fires).</summary>
    public async Task WaitAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        if (InFlight == 0)
            return;
        long start = time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10), time);
        try
        {
            while (InFlight > 0 && time.GetElapsedTime(start) < bound && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown bound came first.
        }
    }
}
