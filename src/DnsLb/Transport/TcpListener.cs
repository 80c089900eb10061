using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message has a two-byte length prefix, a connection may
/// carry many queries (answered in order), idle connections are closed, and the number of connections
/// served at once is bounded. TCP carries little traffic, so it runs on async sockets.
/// </summary>
internal sealed partial class TcpListener(Socket socket, IDnsQueryHandler handler, TransportOptions options, ILogger logger) : IDisposable
{
    private const int MaxMessage = ushort.MaxValue;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private Task? _acceptLoop;

    public void Start() => _acceptLoop = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // a connection that failed during the handshake
            }

            if (Interlocked.Increment(ref _connections) > options.MaxTcpConnections)
            {
                Interlocked.Decrement(ref _connections);
                LogTooManyConnections(logger, options.MaxTcpConnections);
                client.Dispose();
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var receive = ArrayPool<byte>.Shared.Rent(2 + MaxMessage);
        var send = ArrayPool<byte>.Shared.Rent(2 + MaxMessage);
        try
        {
            client.NoDelay = true;
            var context = new QueryContext(DnsTransport.Tcp);
            while (!_stop.IsCancellationRequested)
            {
                if (!await ReceiveExactlyAsync(client, receive.AsMemory(0, 2)).ConfigureAwait(false))
                    return;
                int length = BinaryPrimitives.ReadUInt16BigEndian(receive);
                if (length == 0 || !await ReceiveExactlyAsync(client, receive.AsMemory(2, length)).ConfigureAwait(false))
                    return;
                int responseLength = Answer(receive.AsSpan(2, length), send, context);
                if (responseLength == 0)
                    continue;
                await client.SendAsync(send.AsMemory(0, 2 + responseLength), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client closed, reset, or idled out; nothing to report.
        }
        catch (Exception e)
        {
            LogConnectionFailed(logger, e);
        }
        finally
        {
            client.Dispose();
            ArrayPool<byte>.Shared.Return(receive);
            ArrayPool<byte>.Shared.Return(send);
            Interlocked.Decrement(ref _connections);
        }
    }

    /// <summary>Answers into <paramref name="send"/> after a two-byte length prefix; returns the message length.</summary>
    private int Answer(ReadOnlySpan<byte> query, byte[] send, in QueryContext context)
    {
        int length;
        try
        {
            length = handler.Handle(query, send.AsSpan(2, MaxMessage), context);
        }
        catch (Exception e)
        {
            LogHandlerFailed(logger, e);
            return 0;
        }
        BinaryPrimitives.WriteUInt16BigEndian(send, (ushort)length);
        return length;
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed first or stayed idle too long.</summary>
    private async Task<bool> ReceiveExactlyAsync(Socket client, Memory<byte> buffer)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        idle.CancelAfter(options.TcpIdleTimeoutMs);
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await client.ReceiveAsync(buffer[filled..], SocketFlags.None, idle.Token).ConfigureAwait(false);
            if (read == 0)
                return false;
            filled += read;
        }
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        socket.Dispose();
        try
        {
            _acceptLoop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing else to do.
        }
        _stop.Dispose();
    }
}
