using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using DnsLb.Answering;

namespace DnsLb.Transport;

/// <summary>
/// Answers given later on this connection (<see cref="QueryContext.TryDefer"/>): each counts as work until
/// it ends, sends framed messages under the connection's write lock, and is told through its token when the
/// connection closes. The token and the wait for pending answers are created only when first needed, so a
/// connection that never defers allocates neither.
/// </summary>
internal sealed partial class TcpConnection
{
    private CancellationTokenSource? _aborted;
    private TaskCompletionSource? _workDone;

    public bool TryDefer(Func<IDnsResponder, Task> respond)
    {
        if (shared.Work.IsClosed || !TryEnterWork())
            return false;
        if (shared.Work.TryStart(new TcpResponder(this, AbortToken(), respond, shared.Work)))
            return true;
        ExitWork();
        return false;
    }

    /// <summary>Sends one message of a deferred answer, framed; false when the connection is gone.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message)
    {
        ArgumentOutOfRangeException.ThrowIfZero(message.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Length, MaxMessage);
        int total = 2 + message.Length;
        var framed = ArrayPool<byte>.Shared.Rent(total);
        bool locked = false;
        try
        {
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
            message.Span.CopyTo(framed.AsSpan(2));
            await _writeLock.WaitAsync().ConfigureAwait(false);
            locked = true;
            if (IsClosed)
                return false;
            Volatile.Write(ref _sendingSince, shared.Time.GetTimestamp());
            for (int sent = 0; sent < total;)
                sent += await socket.SendAsync(framed.AsMemory(sent, total - sent), SocketFlags.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false; // the client closed or reset, or the listener closed this connection
        }
        finally
        {
            if (locked)
                EndSend();
            ArrayPool<byte>.Shared.Return(framed);
        }
    }

    /// <summary>Ends the connection: a pending read or send fails at once, deferred work is told, and <see cref="ServeAsync"/> returns.</summary>
    public void Abort()
    {
        socket.Dispose();
        Volatile.Read(ref _aborted)?.Cancel();
        Volatile.Read(ref _workDone)?.TrySetResult();
    }

    /// <summary>Cancelled when the connection closes (<see cref="Abort"/>, which always follows marking it closed).</summary>
    private CancellationToken AbortToken()
    {
        var aborted = Volatile.Read(ref _aborted);
        if (aborted is null)
        {
            var created = new CancellationTokenSource();
            aborted = Interlocked.CompareExchange(ref _aborted, created, null) ?? created;
        }
        if (IsClosed)
            aborted.Cancel(); // closed before the token existed: Abort did not see it
        return aborted.Token;
    }

    /// <summary>Completes when no work is left (or the connection is aborted).</summary>
    private Task WhenWorkDone()
    {
        if ((Volatile.Read(ref _state) & ~ClosedBit) == 0)
            return Task.CompletedTask;
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = Interlocked.CompareExchange(ref _workDone, created, null) ?? created;
        // Looked at again after publishing the source: work that ended in between did not see it.
        return (Volatile.Read(ref _state) & ~ClosedBit) == 0 || IsClosed ? Task.CompletedTask : done.Task;
    }
}
