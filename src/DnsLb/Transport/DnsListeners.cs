using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Transport;

/// <summary>
/// Binds every configured address for UDP and TCP on one port, then starts their loops. Binding is a
/// separate step, done before the host starts, so a port that is taken ends the program with one clear
/// line instead of a stack trace.
/// </summary>
internal sealed partial class DnsListeners(IOptions<TransportOptions> options, IDnsQueryHandler handler, ILogger<DnsListeners> logger) : IDisposable
{
    private readonly List<UdpListener> _udp = [];
    private readonly List<TcpListener> _tcp = [];
    private readonly List<Socket> _bound = [];

    /// <summary>The port actually bound (differs from the setting when that is 0).</summary>
    public int Port { get; private set; }

    public void Bind()
    {
        var settings = options.Value;
        var addresses = new List<IPAddress>();
        foreach (var text in settings.EffectiveListen)
        {
            if (!IPAddress.TryParse(text, out var address))
                throw new ListenerBindException($"Dns:Listen: '{text}' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::)", new FormatException(text));
            addresses.Add(address);
        }

        // With port 0 every socket must still share one port: retry with a new ephemeral port if the one
        // the first socket got is taken for another protocol or address.
        int attempts = settings.Port == 0 ? 8 : 1;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                BindAll(addresses, settings);
                return;
            }
            catch (SocketException) when (attempt < attempts)
            {
                CloseBound();
            }
            catch (SocketException e)
            {
                CloseBound();
                throw new ListenerBindException(Explain(e, settings.Port), e);
            }
        }
    }

    private void BindAll(List<IPAddress> addresses, TransportOptions settings)
    {
        int port = settings.Port;
        int perAddress = settings.UdpSocketsPerAddress > 0 ? settings.UdpSocketsPerAddress : Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux())
            perAddress = 1; // SO_REUSEPORT load spreading is a Linux feature.
        foreach (var address in addresses)
        {
            for (int i = 0; i < perAddress; i++)
            {
                var socket = SocketFactory.BindUdp(new IPEndPoint(address, port), reusePort: perAddress > 1);
                _bound.Add(socket);
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }
            _bound.Add(SocketFactory.BindTcp(new IPEndPoint(address, port), backlog: 512));
        }
        Port = port;
    }

    private static string Explain(SocketException e, int port) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse =>
            $"cannot listen on port {port}: it is already in use by another program. Stop it, or choose another port: dotnet run --project src/DnsLb -- --Dns:Port=5300",
        SocketError.AccessDenied =>
            $"cannot listen on port {port}: permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE). Choose another port: dotnet run --project src/DnsLb -- --Dns:Port=5300",
        SocketError.AddressNotAvailable =>
            $"cannot listen: a Dns:Listen address is not an address of this machine ({e.Message}). Fix Dns:Listen, e.g. --Dns:Listen:0=127.0.0.1",
        _ => $"cannot listen on port {port}: {e.Message}. Choose another port with --Dns:Port=5300 or other addresses with --Dns:Listen:0=127.0.0.1",
    };

    public void Start()
    {
        var settings = options.Value;
        foreach (var socket in _bound)
        {
            var endpoint = (IPEndPoint)socket.LocalEndPoint!;
            if (socket.SocketType == SocketType.Dgram)
            {
                var listener = new UdpListener(socket, handler, logger);
                listener.Start($"dns-udp {endpoint}");
                _udp.Add(listener);
            }
            else
            {
                var listener = new TcpListener(socket, handler, settings, logger);
                listener.Start();
                _tcp.Add(listener);
                int udpSockets = _bound.Count(s => s.SocketType == SocketType.Dgram && ((IPEndPoint)s.LocalEndPoint!).Address.Equals(endpoint.Address));
                LogListening(logger, endpoint.ToString(), udpSockets);
            }
        }
        _bound.Clear();
    }

    public void Dispose()
    {
        foreach (var listener in _udp)
            listener.Dispose();
        foreach (var listener in _tcp)
            listener.Dispose();
        _udp.Clear();
        _tcp.Clear();
        CloseBound();
    }

    private void CloseBound()
    {
        foreach (var socket in _bound)
            socket.Dispose();
        _bound.Clear();
    }
}
