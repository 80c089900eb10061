using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DnsLb.Tests.Support;

/// <summary>
/// A stand-in for a cluster node's web server, for pool tests: answers any request on its address with
/// 200. Stop closes the listening socket, so connections are refused at once, as when a node's web server
/// dies; Start listens again on the same port.
/// </summary>
internal sealed class WebNode(IPAddress address, int port) : IDisposable
{
    private readonly Lock _lock = new();
    private Socket? _listener;
    private int _requests;

    public IPAddress Address { get; } = address;

    public int Port { get; } = port;

    /// <summary>Requests answered so far (each probe is one).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
                return;
            var listener = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // SO_REUSEADDR alone (not .NET's ReuseAddress, which adds SO_REUSEPORT): listen again past TIME_WAIT.
                listener.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
                listener.Bind(new IPEndPoint(Address, Port));
                listener.Listen(64);
            }
            catch
            {
                listener.Dispose();
                throw;
            }
            _listener = listener;
            _ = AcceptLoopAsync(listener);
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _listener?.Dispose();
            _listener = null;
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return; // stopped
            }
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var buffer = new byte[4096];
                int filled = 0;
                while (filled < buffer.Length && buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) < 0)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    int n = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
                    if (n == 0)
                        return;
                    filled += n;
                }
                Interlocked.Increment(ref _requests);
                await client.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), SocketFlags.None);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the probe went away
            }
        }
    }

    public void Dispose() => Stop();
}
