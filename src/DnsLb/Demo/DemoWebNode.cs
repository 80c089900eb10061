using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DnsLb.Demo;

/// <summary>
/// A tiny web node for the demo: answers any HTTP request on its address with 200 and its
/// own address, then closes. Stopping closes the listening socket, so connections are refused at once,
/// as when a real node's web server dies. It makes no name lookups.
/// </summary>
internal sealed class DemoWebNode(IPAddress address, int port) : IDisposable
{
    private readonly Lock _lock = new();
    private Socket? _listener;
    private CancellationTokenSource? _stop;

    public IPAddress Address { get; } = address;

    public int Port { get; } = port;

    public bool IsRunning
    {
        get
        {
            lock (_lock)
                return _listener is not null;
        }
    }

    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
                return;
            // Not shared with another program (a second demo fails here), yet rebound at once after Stop.
            var listener = Transport.SocketFactory.BindTcp(new IPEndPoint(Address, Port), backlog: 64);
            _listener = listener;
            _stop = new CancellationTokenSource();
            _ = AcceptLoopAsync(listener, _stop.Token);
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stop?.Cancel();
            _listener?.Dispose();
            _listener = null;
            _stop?.Dispose();
            _stop = null;
        }
    }

    public void Toggle()
    {
        if (IsRunning)
            Stop();
        else
            Start();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                // Read the request head (bounded); its content does not matter.
                var buffer = new byte[8192];
                int filled = 0;
                while (filled < buffer.Length)
                {
                    int n = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (n == 0)
                        return;
                    filled += n;
                    if (buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) >= 0)
                        break;
                }
                var body = $"node {Address}\n";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await client.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the node was stopped.
            }
        }
    }

    public void Dispose() => Stop();
}
