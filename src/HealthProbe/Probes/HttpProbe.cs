using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;

namespace HealthProbe.Probes;

/// <summary>
/// Healthy when a GET of the path answers with a status in the expected range. Connects to the node's
/// address literally (no name lookup, no proxy), asks the server to close the connection so every probe
/// also proves that new connections are accepted, and reads headers only. An answer, expected or not, is
/// definitive evidence (the node's web server said so), as are a refused or reset connection and a failed
/// TLS handshake; a request that is never answered is cut off by the scheduler's timeout and is not.
/// </summary>
internal sealed class HttpProbe : IHealthProbe, IDisposable
{
    private readonly HttpClient _client;
    private readonly ProbeOptions _options;
    private readonly int _statusFrom;
    private readonly int _statusTo;
    private readonly string _scheme;

    public HttpProbe(ProbeOptions options)
    {
        _options = options;
        _scheme = options.Kind == ProbeKind.Https ? "https" : "http";
        if (!options.TryGetStatusRange(out _statusFrom, out _statusTo))
            throw new ArgumentException($"bad ExpectedStatus '{options.ExpectedStatus}'", nameof(options));
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        if (options.AcceptAnyCertificate)
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Description => $"{_scheme.ToUpperInvariant()} GET :{_options.EffectivePort}{_options.Path} expecting {_options.ExpectedStatus}";

    public async ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{_scheme}://{host}:{_options.EffectivePort}{_options.Path}"));
        request.Headers.ConnectionClose = true;
        if (_options.Host is { } hostHeader)
            request.Headers.Host = hostHeader; // also the TLS server name
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return status >= _statusFrom && status <= _statusTo
                ? ProbeResult.Ok($"HTTP {status}")
                : ProbeResult.Rejected($"HTTP {status}, expected {_options.ExpectedStatus}");
        }
        catch (HttpRequestException e)
        {
            return SocketErrors.Failure(e);
        }
    }

    public void Dispose() => _client.Dispose();
}
