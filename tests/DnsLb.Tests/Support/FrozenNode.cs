using System.Net;
using System.Net.Sockets;

namespace DnsLb.Tests.Support;

/// <summary>
/// A node that accepts connections and never answers: a probe of it stays unfinished until its timeout.
/// Counts the connections it got; dispose closes them all and stops listening.
/// </summary>
internal sealed class FrozenNode : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _held = [];
    private int _connections;

    public FrozenNode(IPAddress address, int port)
    {
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, port));
        _listener.Listen(16);
        _ = AcceptLoopAsync();
    }

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            try
            {
                var client = await _listener.AcceptAsync();
                lock (_held)
                    _held.Add(client);
                Interlocked.Increment(ref _connections);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_held)
        {
            foreach (var client in _held)
            {
                client.LingerState = new LingerOption(true, 0); // reset, as a node that goes away
                client.Dispose();
            }
            _held.Clear();
        }
    }
}
