using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Status;

/// <summary>
/// The Kestrel server of the status endpoint, over a socket <see cref="StatusServer"/> has already bound. Every
/// Kestrel type is named here only, so that nothing of Kestrel is loaded until the first connection needs it.
/// </summary>
internal sealed class StatusKestrel : IDisposable
{
    /// <summary>Connections waiting to be accepted (Kestrel's default).</summary>
    public const int Backlog = 512;

    private readonly KestrelServer _server;

    private StatusKestrel(KestrelServer server) => _server = server;

    public static StatusKestrel Create(Socket listening, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        var kestrel = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = services };
        // A page, a JSON document and a few POSTs without bodies: small limits, so a client cannot hold much.
        kestrel.Limits.MaxConcurrentConnections = 64;
        kestrel.Limits.MaxRequestBodySize = 4096;
        kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        kestrel.Listen((IPEndPoint)listening.LocalEndPoint!, listen => listen.Protocols = HttpProtocols.Http1);
        // Kestrel's transport asks for a bound socket: it gets the one already listening, connections pending included.
        var transport = new SocketTransportFactory(
            Options.Create(new SocketTransportOptions { Backlog = Backlog, CreateBoundListenSocket = _ => listening }), loggerFactory);
        return new StatusKestrel(new KestrelServer(Options.Create(kestrel), transport, loggerFactory));
    }

    public Task StartAsync(StatusEndpoint endpoint, CancellationToken cancellationToken) =>
        _server.StartAsync(new StatusHttpApplication(endpoint), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public void Dispose() => _server.Dispose();
}
