using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// One DNS-over-TCP connection (RFC 1035 §4.2.2, RFC 7766): reads length-prefixed queries and answers
/// them in order. It is either waiting for its client (between queries, or inside one whose bytes stopped
/// coming) or answering a query; only a waiting connection may be closed to make room for another. No
/// timer or token per read: the listener's sweep closes the socket of a connection that waited too long,
/// which ends the pending read. Buffers are rented per query, so an idle connection holds none.
/// </summary>
internal sealed partial class TcpConnection(Socket socket, TcpListener.Shared shared)
{
    private const int MaxMessage = ushort.MaxValue;
    private const int Waiting = 0;
    private const int Answering = 1;
    private const int Closed = 2;

    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;
    private long _lastActivity = shared.Time.GetTimestamp();

    /// <summary>Completes when <see cref="ServeAsync"/> has ended and the socket is closed.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The position in the listener's table; guarded by the table's lock.</summary>
    public int Index { get; set; } = -1;

    /// <summary>When the client last sent bytes, or the last answer began or ended (TimeProvider timestamp).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    public bool IsAnswering => Volatile.Read(ref _state) == Answering;

    /// <summary>Marks a waiting connection closed; false when it is answering or already closed.</summary>
    public bool TryMarkClosedIfIdle() => Interlocked.CompareExchange(ref _state, Closed, Waiting) == Waiting;

    /// <summary>Marks the connection closed whatever it is doing; false when it already was.</summary>
    public bool MarkClosed() => Interlocked.Exchange(ref _state, Closed) != Closed;

    /// <summary>Ends the connection: a pending read or send fails at once and <see cref="ServeAsync"/> returns.</summary>
    public void Abort() => socket.Dispose();

    /// <remarks>
    /// One async method with the reads and sends written out in it, not helpers: its state machine is
    /// allocated once per connection, so a query costs no allocation (even in a Debug build, where each
    /// call of an async helper would allocate one).
    /// </remarks>
    public async Task ServeAsync()
    {
        var prefix = new byte[2];
        try
        {
            socket.NoDelay = true;
            while (true)
            {
                for (int filled = 0; filled < prefix.Length;)
                {
                    int read = await socket.ReceiveAsync(prefix.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                        return; // the client closed
                    filled += read;
                    Volatile.Write(ref _lastActivity, shared.Time.GetTimestamp());
                }
                int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length == 0)
                    return; // not a DNS message: the framing makes no sense, so the connection ends
                var query = ArrayPool<byte>.Shared.Rent(length);
                byte[]? send = null;
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
                    if (!Switch(Waiting, Answering))
                        return;
                    send = ArrayPool<byte>.Shared.Rent(2 + MaxMessage);
                    int total = Answer(query.AsSpan(0, length), send);
                    for (int sent = 0; sent < total;)
                        sent += await socket.SendAsync(send.AsMemory(sent, total - sent), SocketFlags.None).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(query);
                    if (send is not null)
                        ArrayPool<byte>.Shared.Return(send);
                }
                if (!Switch(Answering, Waiting))
                    return;
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
            socket.Dispose();
            _ended.TrySetResult();
        }
    }

    private bool Switch(int from, int to)
    {
        if (Interlocked.CompareExchange(ref _state, to, from) != from)
            return false; // closed by the listener meanwhile
        Volatile.Write(ref _lastActivity, shared.Time.GetTimestamp());
        return true;
    }

    /// <summary>Answers into <paramref name="send"/> after a two-byte length prefix; returns the bytes to send (0: none).</summary>
    private int Answer(ReadOnlySpan<byte> query, byte[] send)
    {
        int length;
        try
        {
            length = shared.Handler.Handle(query, send.AsSpan(2, MaxMessage), new QueryContext(DnsTransport.Tcp));
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
}
