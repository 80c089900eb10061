using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DnsLb.Forwarding;

/// <summary>
/// A DNS-over-TLS upstream (RFC 7858): one connection kept open and shared by every query (RFC 7858 §3.4
/// asks clients to reuse connections and pipeline), opened again when it breaks. The certificate is checked
/// as for any TLS client (chain to a trusted root, validity) and against the configured name; validation is
/// never switched off.
/// </summary>
internal sealed class TlsUpstreamClient : IUpstreamClient
{
    private readonly UpstreamEndpoint _endpoint;
    private readonly SslClientAuthenticationOptions _tls;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private TlsConnection? _connection;

    public TlsUpstreamClient(UpstreamEndpoint endpoint, X509Certificate2Collection? trustedRoots)
    {
        _endpoint = endpoint;
        _tls = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.TlsName,
        };
        if (trustedRoots is { Count: > 0 })
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(trustedRoots);
            _tls.CertificateChainPolicy = policy;
        }
    }

    /// <summary>Whether a connection is open now, to be reused by the next query.</summary>
    public bool HasOpenConnection => _connection is { IsOpen: true };

    public async Task<byte[]> QueryAsync(UpstreamQuestion question, CancellationToken cancellationToken)
    {
        var (connection, reused) = await ConnectionAsync(cancellationToken);
        try
        {
            return await connection.QueryAsync(question, cancellationToken);
        }
        catch (IOException) when (reused && !cancellationToken.IsCancellationRequested)
        {
            // The server may close an idle connection at any moment (RFC 7766 §6.2.3); a query caught in
            // that gets one more go on a new connection.
            (connection, _) = await ConnectionAsync(cancellationToken);
            return await connection.QueryAsync(question, cancellationToken);
        }
    }

    private async Task<(TlsConnection Connection, bool Reused)> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
            return (open, true);
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } opened)
                return (opened, false);
            var fresh = await TlsConnection.OpenAsync(_endpoint, _tls, cancellationToken);
            var old = _connection;
            _connection = fresh;
            if (old is not null)
                await old.DisposeAsync();
            return (fresh, false);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
            await connection.DisposeAsync();
    }
}
