using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;

namespace DnsLb.Forwarding;

/// <summary>
/// One DNS-over-TLS connection (RFC 7858) carrying many queries at once: each gets an ID not in flight on
/// this connection, writes are serialised, and one reader hands each answer to the query with its ID
/// (answers may come in any order, RFC 7766 §6.2.1.1). When the connection breaks every query on it fails
/// and the client opens a new one.
/// </summary>
internal sealed class TlsConnection : IAsyncDisposable
{
    private readonly SslStream _stream;
    private readonly ConcurrentDictionary<ushort, PendingQuery> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _closed;

    private TlsConnection(SslStream stream) => _stream = stream;

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public static async Task<TlsConnection> OpenAsync(UpstreamEndpoint endpoint, SslClientAuthenticationOptions tls, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? stream = null;
        try
        {
            await socket.ConnectAsync(endpoint.EndPoint, cancellationToken);
            stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await stream.AuthenticateAsClientAsync(tls, cancellationToken);
        }
        catch
        {
            if (stream is not null)
                await stream.DisposeAsync();
            socket.Dispose();
            throw;
        }
        var connection = new TlsConnection(stream);
        _ = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    public async Task<byte[]> QueryAsync(UpstreamQuestion question, CancellationToken cancellationToken)
    {
        var pending = new PendingQuery(question);
        ushort id;
        do
        {
            id = UpstreamQuery.NewId();
        }
        while (!_pending.TryAdd(id, pending));
        try
        {
            if (!IsOpen)
                throw new IOException("the TLS connection is closed");
            var frame = new byte[2 + UpstreamQuery.MaxLength];
            int length = UpstreamQuery.Write(frame.AsSpan(2), id, question);
            BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)length);
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                // Not cancellable: a write stopped half-way would leave the stream unusable for everyone.
                await _stream.WriteAsync(frame.AsMemory(0, length + 2), CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                await CloseAsync();
                throw new IOException("writing to the TLS upstream failed", e);
            }
            finally
            {
                _writeLock.Release();
            }
            return await pending.Answer.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<ushort, PendingQuery>(id, pending));
        }
    }

    private async Task ReadLoopAsync()
    {
        var prefix = new byte[2];
        try
        {
            while (true)
            {
                await _stream.ReadExactlyAsync(prefix);
                var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await _stream.ReadExactlyAsync(message);
                if (message.Length < 2)
                    continue;
                ushort id = BinaryPrimitives.ReadUInt16BigEndian(message);
                // An answer nobody waits for (the query timed out) or one for another question is dropped.
                if (_pending.TryGetValue(id, out var pending) && UpstreamQuery.Matches(message, id, pending.Question))
                    pending.Complete(message);
            }
        }
        catch (Exception)
        {
            // The server closed the connection (idle, RFC 7766 §6.2.3) or it broke: whatever the cause, the
            // connection is done and what waits on it fails over.
        }
        await CloseAsync();
    }

    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return;
        foreach (var pending in _pending.Values)
            pending.Fail(new IOException("the TLS connection closed"));
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private sealed class PendingQuery(UpstreamQuestion question)
    {
        private readonly TaskCompletionSource<byte[]> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public UpstreamQuestion Question { get; } = question;

        public Task<byte[]> Answer => _answer.Task;

        public void Complete(byte[] message) => _answer.TrySetResult(message);

        public void Fail(Exception e) => _answer.TrySetException(e);
    }
}
