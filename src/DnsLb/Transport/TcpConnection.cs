using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// One DNS-over-TCP connection (RFC 1035 §4.2.2, RFC 7766): reads length-prefixed queries and answers them.
/// An answer written at once goes out before the next query is read; a deferred one (forwarded, or a zone
/// transfer's several messages) goes out whenever its work sends it, so answers to pipelined queries may
/// come out of order (RFC 7766 §6.2.1.1). Writes are serialised, so messages never interleave.
/// <para>
/// The connection is either idle (waiting for its client, between queries or inside one whose bytes stopped
/// coming) or has work: the query being answered now, and every deferred answer not yet complete. Only an
/// idle connection may be closed as idle or to make room for another; one whose send has been stuck on a
/// client that does not read is closed after the full idle time. No timer or token per read: the listener's
/// sweep closes the socket of a connection that waited too long, which ends the pending read. Buffers are
/// rented per query, so an idle connection holds none.
/// </para>
/// </summary>
internal sealed partial class TcpConnection(Socket socket, TcpListener.Shared shared) : IResponseDeferral
{
    private const int MaxMessage = ushort.MaxValue;

    /// <summary>Set in <see cref="_state"/> once the connection is closed; below it, the count of work in progress.</summary>
    private const int ClosedBit = 1 << 30;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;
    private long _lastActivity = shared.Time.GetTimestamp();
    private long _sendingSince;

    /// <summary>Completes when <see cref="ServeAsync"/> has ended and the socket is closed.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The position in the listener's table; guarded by the table's lock.</summary>
    public int Index { get; set; } = -1;

    /// <summary>Who is connected (read once, when serving starts).</summary>
    public ClientAddress Client { get; private set; }

    /// <summary>When the client last sent bytes, or a send last ended (TimeProvider timestamp).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>When the send in progress began; 0 when none is.</summary>
    public long SendingSince => Volatile.Read(ref _sendingSince);

    /// <summary>Open, with no query being answered and no deferred answer pending.</summary>
    public bool IsIdle => Volatile.Read(ref _state) == 0;

    public bool IsClosed => (Volatile.Read(ref _state) & ClosedBit) != 0;

    /// <summary>Marks an idle connection closed; false when it has work or is already closed.</summary>
    public bool TryMarkClosedIfIdle() => Interlocked.CompareExchange(ref _state, ClosedBit, 0) == 0;

    /// <summary>Marks the connection closed whatever it is doing; false when it already was.</summary>
    public bool MarkClosed() => (Interlocked.Or(ref _state, ClosedBit) & ClosedBit) == 0;

    /// <remarks>
    /// One async method with the reads and sends written out in it, not helpers: its state machine is
    /// allocated once per connection, so a query answered at once costs no allocation (even in a Debug
    /// build, where each call of an async helper would allocate one).
    /// </remarks>
    public async Task ServeAsync()
    {
        var prefix = new byte[2];
        try
        {
            socket.NoDelay = true;
            if (socket.RemoteEndPoint is IPEndPoint remote)
                Client = ClientAddress.FromIPAddress(remote.Address);
            while (true)
            {
                if (IsClosed)
                    return; // the listener is stopping: the answer just sent was the last
                for (int filled = 0; filled < prefix.Length;)
                {
                    int read = await socket.ReceiveAsync(prefix.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                    {
                        await WhenWorkDone().ConfigureAwait(false); // the client closed its side: deliver what is owed
                        return;
                    }
                    filled += read;
                    Volatile.Write(ref _lastActivity, shared.Time.GetTimestamp());
                }
                int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length == 0)
                    return; // not a DNS message: the framing makes no sense, so the connection ends
                var query = ArrayPool<byte>.Shared.Rent(length);
                byte[]? send = null;
                bool working = false;
                try
                {
                    for (int filled = 0; filled < length;)
                    {
                        int read = await socket.ReceiveAsync(query.AsMemory(filled, length - filled), SocketFlags.None).ConfigureAwait(false);
                        if (read == 0)
                            return;
                        filled += read;
                        Volatile.Write(ref _lastActivity, shared.Time.GetTimestamp());
                    }
                    if (!(working = TryEnterWork()))
                        return; // closed by the listener meanwhile
                    send = ArrayPool<byte>.Shared.Rent(2 + MaxMessage);
                    int total = Answer(query.AsSpan(0, length), send);
                    if (total > 0)
                    {
                        await _writeLock.WaitAsync().ConfigureAwait(false);
                        try
                        {
                            Volatile.Write(ref _sendingSince, shared.Time.GetTimestamp());
                            for (int sent = 0; sent < total;)
                                sent += await socket.SendAsync(send.AsMemory(sent, total - sent), SocketFlags.None).ConfigureAwait(false);
                        }
                        finally
                        {
                            EndSend();
                        }
                    }
                }
                finally
                {
                    if (working)
                        ExitWork();
                    ArrayPool<byte>.Shared.Return(query);
                    if (send is not null)
                        ArrayPool<byte>.Shared.Return(send);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client closed or reset, or the listener closed this connection; nothing to report.
        }
        catch (Exception e)
        {
            shared.Counters.ConnectionFailed();
            LogConnectionFailed(shared.Logger, e);
        }
        finally
        {
            MarkClosed();
            shared.Table.Remove(this);
            Abort();
            _ended.TrySetResult();
        }
    }

    /// <summary>Answers into <paramref name="send"/> after a two-byte length prefix; returns the bytes to send (0: none now).</summary>
    private int Answer(ReadOnlySpan<byte> query, byte[] send)
    {
        int length;
        try
        {
            length = shared.Handler.Handle(query, send.AsSpan(2, MaxMessage), new QueryContext(DnsTransport.Tcp, Client, this));
        }
        catch (Exception e)
        {
            // A bug must cost one query, never the connection or the listener; the counter lets tests see it.
            shared.Counters.HandlerFailed();
            LogHandlerFailed(shared.Logger, e);
            return 0;
        }
        if (length == 0)
            return 0;
        BinaryPrimitives.WriteUInt16BigEndian(send, (ushort)length);
        return 2 + length;
    }

    private bool TryEnterWork()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & ClosedBit) != 0)
                return false;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
                return true;
        }
    }

    /// <summary>One piece of work (an answer written at once, or a deferred one) has ended.</summary>
    public void ExitWork()
    {
        if ((Interlocked.Decrement(ref _state) & ~ClosedBit) == 0)
            Volatile.Read(ref _workDone)?.TrySetResult();
    }

    /// <summary>Called with the write lock held, after a send: it is released and the connection is active again.</summary>
    private void EndSend()
    {
        Volatile.Write(ref _sendingSince, 0);
        Volatile.Write(ref _lastActivity, shared.Time.GetTimestamp());
        _writeLock.Release();
    }
}
