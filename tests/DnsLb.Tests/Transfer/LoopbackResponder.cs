using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DnsLb.Tests.Transfer;

/// <summary>
/// A loopback port taking DNS messages over UDP and over TCP (each behind its two-byte length): every message
/// goes to a handler with its source and its index, and what the handler returns is sent back (null:
/// nothing). Knot sends NOTIFY over TCP, other peers over UDP: a receiver must take both.
/// </summary>
internal sealed class LoopbackResponder : IAsyncDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private readonly List<byte[]> _received = [];
    private readonly Func<byte[], IPEndPoint, int, byte[]?> _handler;

    public LoopbackResponder(Func<byte[], IPEndPoint, int, byte[]?> handler)
    {
        _handler = handler;
        int port = DnsLb.Tests.Support.FreePort.Find();
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        _tcp = new TcpListener(IPAddress.Loopback, port);
        _tcp.Start();
        _udpLoop = ReceiveAsync();
        _tcpLoop = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public int Port => EndPoint.Port;

    public int Count
    {
        get
        {
            lock (_received)
                return _received.Count;
        }
    }

    public IReadOnlyList<byte[]> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    private byte[]? Handle(byte[] message, IPEndPoint source)
    {
        int index;
        lock (_received)
        {
            index = _received.Count;
            _received.Add(message);
        }
        return _handler(message, source, index);
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var datagram = await _udp.ReceiveAsync(_stop.Token);
                if (Handle(datagram.Buffer, datagram.RemoteEndPoint) is { } answer)
                    await _udp.SendAsync(answer, datagram.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
                connections.Add(ServeAsync(await _tcp.AcceptTcpClientAsync(_stop.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // stopped
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var source = (IPEndPoint)client.Client.RemoteEndPoint!;
            try
            {
                var prefix = new byte[2];
                while (true)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                    await stream.ReadExactlyAsync(message, _stop.Token);
                    if (Handle(message, source) is not { } answer)
                        continue;
                    var framed = new byte[answer.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
                    answer.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or EndOfStreamException or ObjectDisposedException)
            {
                // the peer closed
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop);
        _stop.Dispose();
    }
}
