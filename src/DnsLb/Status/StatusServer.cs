using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Status;

/// <summary>
/// Runs the status endpoint, started and stopped with the host: not the generic host's web host, so the
/// endpoint is one optional part of the server and a failure to listen is one log line, never a failed start.
/// DNS is served whether or not the page is.
/// </summary>
/// <remarks>
/// The port is bound at start (so a taken port is reported at once, and the page's address is known), but
/// the HTTP server behind it, Kestrel with the page and everything it reads, is only started when the first
/// connection arrives: most of the time nobody looks, and a running Kestrel costs a few MiB of memory and
/// tens of milliseconds of start. The first connection waits in the socket's backlog meanwhile, so no
/// request is lost; from then on the page is served as before, until the host stops.
/// </remarks>
internal sealed partial class StatusServer(
    IOptions<StatusOptions> options, IServiceProvider services, ILoggerFactory loggerFactory, ILogger<StatusServer> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Socket? _listener;
    private FirstConnectionWait? _wait;
    private Task<StatusKestrel?>? _kestrel;
    private bool _stopping;

    /// <summary>Where the endpoint listens (the real port when 0 was asked for); null while it does not.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>True once the HTTP server runs (the first connection came), false while only the port is bound.</summary>
    public bool IsHttpServerRunning => _kestrel is { IsCompletedSuccessfully: true, Result: not null };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string listen = options.Value.Listen;
        if (listen.Length == 0)
        {
            LogOff(logger);
            return Task.CompletedTask;
        }
        StatusListenAddress.TryParse(listen, out var endPoint); // validated on start
        Socket socket;
        try
        {
            socket = ListenSocket(endPoint!);
        }
        catch (SocketException e)
        {
            LogNotServed(logger, listen, Reason(e));
            return Task.CompletedTask;
        }
        _listener = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        LogServing(logger, $"http://{EndPoint}");
        _wait = FirstConnectionWait.Start(socket, OnFirstConnection);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (await CloseAsync().ConfigureAwait(false) is { } server)
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        EndPoint = null;
    }

    public async ValueTask DisposeAsync() => (await CloseAsync().ConfigureAwait(false))?.Dispose();

    /// <summary>Takes no more connections and stops waiting for the first; the Kestrel it started, if any, once started.</summary>
    private async Task<StatusKestrel?> CloseAsync()
    {
        Task<StatusKestrel?>? kestrel;
        lock (_lock)
        {
            _stopping = true;
            kestrel = _kestrel;
            _listener?.Dispose();
            _listener = null;
        }
        _wait?.Stop();
        return kestrel is null ? null : await kestrel.ConfigureAwait(false);
    }

    /// <summary>Called once, by the waiting thread, when a connection is pending: Kestrel takes the socket over.</summary>
    private void OnFirstConnection()
    {
        lock (_lock)
        {
            if (_stopping || _kestrel is not null || _listener is not { } socket)
                return;
            _listener = null;
            _kestrel = StartHttpServerAsync(socket);
        }
    }

    private async Task<StatusKestrel?> StartHttpServerAsync(Socket socket)
    {
        StatusKestrel? server = null;
        try
        {
            server = StatusKestrel.Create(socket, services, loggerFactory);
            await server.StartAsync(services.GetRequiredService<StatusEndpoint>(), CancellationToken.None).ConfigureAwait(false);
            return server;
        }
        catch (Exception e) // logged, not thrown: nobody awaits this but StopAsync, and DNS goes on regardless
        {
            if (server is not null)
                server.Dispose();
            else
                socket.Dispose();
            LogNotServed(logger, options.Value.Listen, Reason(e));
            return null;
        }
    }

    /// <summary>Binds and listens as Kestrel would (an IPv6 "any" address takes IPv4 too), so it can take the socket over.</summary>
    private static Socket ListenSocket(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(endPoint);
            socket.Listen(StatusKestrel.Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => "the address is already in use by another program (another DnsLb?)",
                    SocketError.AccessDenied => "permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE)",
                    SocketError.AddressNotAvailable => "this machine has no such address",
                    _ => socket.Message,
                };
            }
        }
        return e.Message;
    }
}
