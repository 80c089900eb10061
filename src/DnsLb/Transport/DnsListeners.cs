using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Transport;

/// <summary>
/// Binds every configured address for UDP and TCP on one port, then starts their loops. Binding is a
/// separate step, done before the host starts, so a port that is taken ends the program with one clear
/// line instead of a stack trace. Stopping first lets the answers still owed (forwarded queries in flight)
/// go out, for at most <see cref="DrainTimeout"/>, then closes everything.
/// </summary>
internal sealed partial class DnsListeners(
    IOptions<TransportOptions> options, IDnsQueryHandler handler, TransportCounters counters, TimeProvider time, ILogger<DnsListeners> logger) : IDisposable
{
    private readonly List<UdpListener> _udp = [];
    private readonly List<TcpListener> _tcp = [];
    private readonly List<DeferredWork> _work = [];
    private readonly List<Socket> _bound = [];

    /// <summary>
    /// How long stopping waits for deferred answers still owed: longer than a forwarded question takes with
    /// the default Forwarding:TimeoutMs (3 s).
    /// </summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The port actually bound (differs from the setting when that is 0).</summary>
    public int Port { get; private set; }

    /// <summary>The TCP listeners, once started (tests look at their connections).</summary>
    internal IReadOnlyList<TcpListener> TcpListeners => _tcp;

    /// <summary>The UDP listeners, once started (tests look at their stopping).</summary>
    internal IReadOnlyList<UdpListener> UdpListeners => _udp;

    public void Bind()
    {
        var settings = options.Value;
        var addresses = settings.Listen.Select(IPAddress.Parse).ToList(); // validated on start

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
            catch (BindFailure) when (attempt < attempts)
            {
                CloseBound();
            }
            catch (BindFailure failure)
            {
                CloseBound();
                throw new ListenerBindException(failure.Explain(), failure.InnerException!);
            }
        }
    }

    /// <summary>
    /// Per address: TCP first, then UDP. The TCP listener cannot share its port (see SocketFactory), so it
    /// is the lock: a second DnsLb stops there. UDP needs SO_REUSEPORT for our own sockets, and a reuseport
    /// group accepts any socket of the same user, so before joining we bind a plain probe socket once:
    /// it fails if anything holds the address, another program's reuseport group included. Between the
    /// probe and our bind only a program that asks for SO_REUSEPORT on UDP and not for the TCP port could
    /// slip in; another DnsLb cannot, as it would need our TCP port first. (Checking who else is in a reuseport
    /// group is not possible: Linux does not list a group's members, it only requires the same user.)
    /// </summary>
    private void BindAll(List<IPAddress> addresses, TransportOptions settings)
    {
        int port = settings.Port;
        int perAddress = settings.UdpSocketsPerAddress > 0 ? settings.UdpSocketsPerAddress : Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux())
            perAddress = 1; // SO_REUSEPORT load spreading is a Linux feature.
        foreach (var address in addresses)
        {
            var tcp = Attempt(new IPEndPoint(address, port), "TCP", endpoint => SocketFactory.BindTcp(endpoint, backlog: 512))!;
            _bound.Add(tcp);
            port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            var udpEndpoint = new IPEndPoint(address, port);
            if (perAddress > 1)
                Attempt(udpEndpoint, "UDP", endpoint => { SocketFactory.ProbeUdp(endpoint); return null; });
            for (int i = 0; i < perAddress; i++)
                _bound.Add(Attempt(udpEndpoint, "UDP", endpoint => SocketFactory.BindUdp(endpoint, reusePort: perAddress > 1))!);
            if (perAddress > 1 && !ReusePortSteering.TryAttach(_bound[^1], perAddress))
                LogNoSteering(logger, udpEndpoint.ToString());
        }
        Port = port;
    }

    private static Socket? Attempt(IPEndPoint endpoint, string protocol, Func<IPEndPoint, Socket?> bind)
    {
        try
        {
            return bind(endpoint);
        }
        catch (SocketException e)
        {
            throw new BindFailure(endpoint, protocol, e);
        }
    }

    /// <summary>One socket could not be bound: which address, which protocol, and why.</summary>
    private sealed class BindFailure(IPEndPoint endpoint, string protocol, SocketException inner) : Exception(inner.Message, inner)
    {
        public string Explain() => inner.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse =>
                $"cannot listen on {endpoint} ({protocol}): the address is already in use by another program (another DnsLb?). Stop it, or choose another port: dotnet run --project src/DnsLb -- --Dns:Port=5300",
            SocketError.AccessDenied =>
                $"cannot listen on {endpoint} ({protocol}): permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE). Choose another port: dotnet run --project src/DnsLb -- --Dns:Port=5300",
            SocketError.AddressNotAvailable =>
                $"cannot listen on {endpoint}: {endpoint.Address} is not an address of this machine. Fix Dns:Listen, e.g. --Dns:Listen=127.0.0.1",
            _ => $"cannot listen on {endpoint} ({protocol}): {inner.Message}. Choose another port with --Dns:Port=5300 or other addresses with --Dns:Listen=127.0.0.1",
        };
    }

    public void Start()
    {
        var settings = options.Value;
        var udpPerAddress = new Dictionary<IPAddress, int>();
        foreach (var socket in _bound)
        {
            var endpoint = (IPEndPoint)socket.LocalEndPoint!;
            if (socket.SocketType == SocketType.Dgram)
            {
                int index = udpPerAddress[endpoint.Address] = udpPerAddress.GetValueOrDefault(endpoint.Address) + 1;
                var listenerCounters = counters.Add($"udp {endpoint} #{index}");
                var work = new DeferredWork(listenerCounters, time, logger);
                _work.Add(work);
                var listener = new UdpListener(socket, handler, work, listenerCounters, logger);
                listener.Start($"dns-udp {endpoint}");
                _udp.Add(listener);
            }
        }
        foreach (var socket in _bound.Where(s => s.SocketType == SocketType.Stream))
        {
            var endpoint = (IPEndPoint)socket.LocalEndPoint!;
            var listener = new TcpListener(socket, handler, settings, counters.Add($"tcp {endpoint}"), time, logger);
            listener.Start();
            _tcp.Add(listener);
            _work.Add(listener.Work);
            LogListening(logger, endpoint.ToString(), udpPerAddress.GetValueOrDefault(endpoint.Address));
        }
        _bound.Clear();
    }

    /// <summary>
    /// Stops taking new TCP connections and new deferred work, waits until every deferred answer has gone out
    /// (at most <see cref="DrainTimeout"/>, or until <paramref name="cancellationToken"/> fires), then closes
    /// every socket. Queries that arrive meanwhile are still answered at once where they can be.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in _udp)
            listener.BeginStop();
        foreach (var listener in _tcp)
            listener.BeginStop();
        await Task.WhenAll(_work.Select(w => w.WaitAsync(DrainTimeout, cancellationToken))).ConfigureAwait(false);
        Dispose();
    }

    public void Dispose()
    {
        foreach (var listener in _udp)
            listener.Dispose();
        foreach (var listener in _tcp)
            listener.Dispose();
        _udp.Clear();
        _tcp.Clear();
        _work.Clear();
        CloseBound();
    }

    private void CloseBound()
    {
        foreach (var socket in _bound)
            socket.Dispose();
        _bound.Clear();
    }
}
