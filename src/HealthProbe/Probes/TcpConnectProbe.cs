using System.Net;
using System.Net.Sockets;

namespace HealthProbe.Probes;

/// <summary>
/// Healthy when a TCP connection to the port is accepted; the connection is closed at once. A refused or
/// reset connection is definitive evidence (the node's kernel said so); a connect that times out is not.
/// </summary>
internal sealed class TcpConnectProbe(int port) : IHealthProbe
{
    public string Description => $"TCP connect :{port}";

    public async ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var error = await SocketConnect.ConnectAsync(socket, new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
        return error == SocketError.Success ? ProbeResult.Ok("connected") : SocketErrors.Failure(error);
    }
}
