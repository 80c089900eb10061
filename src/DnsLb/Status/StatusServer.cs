using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Status;

/// <summary>
/// Runs the status endpoint on its own Kestrel server, started and stopped with the host: not the generic
/// host's web host, so the endpoint is one optional part of the server and a failure to listen is one log
/// line, never a failed start. DNS is served whether or not the page is.
/// </summary>
internal sealed partial class StatusServer(
    IOptions<StatusOptions> options, StatusEndpoint endpoint, IServiceProvider services, ILoggerFactory loggerFactory, ILogger<StatusServer> logger)
    : IHostedService, IAsyncDisposable
{
    private KestrelServer? _server;

    /// <summary>Where the endpoint listens (the real port when 0 was asked for); null while it does not.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string listen = options.Value.Listen;
        if (listen.Length == 0)
        {
            LogOff(logger);
            return;
        }
        StatusListenAddress.TryParse(listen, out var endPoint); // validated on start
        var server = Create(endPoint!);
        try
        {
            await server.StartAsync(new StatusHttpApplication(endpoint), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            server.Dispose();
            LogNotServed(logger, listen, Reason(e));
            return;
        }
        _server = server;
        var bound = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        EndPoint = new IPEndPoint(endPoint!.Address, bound.Port);
        LogServing(logger, bound.GetLeftPart(UriPartial.Authority));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        EndPoint = null;
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }

    private KestrelServer Create(IPEndPoint endPoint)
    {
        var kestrel = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = services };
        // A page, a JSON document and a few POSTs without bodies: small limits, so a client cannot hold much.
        kestrel.Limits.MaxConcurrentConnections = 64;
        kestrel.Limits.MaxRequestBodySize = 4096;
        kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        kestrel.Listen(endPoint, listen => listen.Protocols = HttpProtocols.Http1);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        return new KestrelServer(Options.Create(kestrel), transport, loggerFactory);
    }

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressInUseException)
                return "the address is already in use by another program (another DnsLb?)";
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.AccessDenied => "permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE)",
                    SocketError.AddressNotAvailable => "this machine has no such address",
                    _ => socket.Message,
                };
            }
        }
        return e.Message;
    }
}
