using System.Net;
using System.Net.Sockets;

namespace DnsLb.Tests.Support;

/// <summary>Real web nodes on loopback addresses (127.0.0.x, ::1), all on one free port, stopped and started by tests.</summary>
internal sealed class Backends : IDisposable
{
    private Backends(List<WebNode> nodes, int port)
    {
        Nodes = nodes;
        Port = port;
    }

    public IReadOnlyList<WebNode> Nodes { get; }

    public int Port { get; }

    public WebNode this[string address] => Nodes.Single(n => n.Address.Equals(IPAddress.Parse(address)));

    public static Backends Start(params string[] addresses)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreeTcpPort(IPAddress.Parse(addresses[0]));
            var nodes = new List<WebNode>();
            try
            {
                foreach (var address in addresses)
                {
                    var node = new WebNode(IPAddress.Parse(address), port);
                    node.Start();
                    nodes.Add(node);
                }
                return new Backends(nodes, port);
            }
            catch (SocketException) when (attempt < 10)
            {
                nodes.ForEach(n => n.Dispose());
            }
        }
    }

    private static int FreeTcpPort(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
            node.Dispose();
    }
}
