using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;

namespace HealthProbe.Probes;

/// <summary>
/// Healthy when a GET of the path answers with a status in the expected range. Connects to the node's
/// address literally (no name lookup, no proxy), asks the server to close the connection so every probe
/// also proves that new connections are accepted, and reads the status line only. An answer, expected or
/// not, is definitive evidence (the node's web server said so), as are a refused or reset connection, a
/// connection closed without an answer, something that is not HTTP and a failed TLS handshake; a request
/// that is never answered is cut off by the scheduler's deadline and is not.
/// </summary>
/// <remarks>
/// HTTP/1.1 spoken directly over a socket (and <see cref="SslStream"/> for HTTPS) rather than through
/// HttpClient: a probe needs one request line, two headers and a status code, and HttpClient brings several
/// MiB of code and caches into a server that otherwise never loads them (measured: about 4 MiB at start and
/// 9 MiB after a burst of DNS queries, README "Performance").
/// </remarks>
internal sealed class HttpProbe : IHealthProbe
{
    /// <summary>A status line longer than this is not one (RFC 9112 §4 sets no limit; servers send ~20 bytes).</summary>
    private const int MaxStatusLine = 4096;

    private readonly ProbeOptions _options;
    private readonly int _statusFrom;
    private readonly int _statusTo;
    private readonly bool _tls;
    private readonly string _target;

    public HttpProbe(ProbeOptions options)
    {
        _options = options;
        _tls = options.Kind == ProbeKind.Https;
        if (!options.TryGetStatusRange(out _statusFrom, out _statusTo))
            throw new ArgumentException($"bad ExpectedStatus '{options.ExpectedStatus}'", nameof(options));
        // The path as a request target: percent-encoded where it must be, as a URI would send it.
        _target = new Uri(new Uri("http://probe.invalid/"), options.Path).PathAndQuery;
    }

    public string Description => $"{(_tls ? "HTTPS" : "HTTP")} GET :{_options.EffectivePort}{_options.Path} expecting {_options.ExpectedStatus}";

    public async ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var connected = await SocketConnect.ConnectAsync(socket, new IPEndPoint(address, _options.EffectivePort), cancellationToken).ConfigureAwait(false);
            if (connected != SocketError.Success)
                return SocketErrors.Failure(connected);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            return _tls
                ? await ExchangeOverTlsAsync(network, address, cancellationToken).ConfigureAwait(false)
                : await ExchangeAsync(network, address, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return SocketErrors.Failure(e);
        }
        catch (EndOfStreamException)
        {
            // The node's server accepted the connection and closed it without a word.
            return ProbeResult.Rejected("connection closed before a response");
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            return e.InnerException is SocketException inner
                ? SocketErrors.Failure(inner)
                : ProbeResult.Rejected("connection closed before a response");
        }
    }

    /// <summary>The request and the status line, over <paramref name="stream"/>.</summary>
    private async Task<ProbeResult> ExchangeAsync(Stream stream, IPAddress address, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Request(address), cancellationToken).ConfigureAwait(false);
        int? status = await ReadStatusAsync(stream, cancellationToken).ConfigureAwait(false);
        if (status is not { } code)
            return ProbeResult.Rejected("invalid HTTP response");
        return code >= _statusFrom && code <= _statusTo
            ? ProbeResult.Ok($"HTTP {code}")
            : ProbeResult.Rejected($"HTTP {code}, expected {_options.ExpectedStatus}");
    }

    /// <summary>
    /// The TLS handshake, then <see cref="ExchangeAsync"/> over it. A method of its own (not inlined), so that
    /// plain HTTP probes never load the TLS and certificate code.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<ProbeResult> ExchangeOverTlsAsync(NetworkStream network, IPAddress address, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(network, leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsClientAsync(TlsOptions(address), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            // The node presented a certificate (or TLS) that does not pass: asking again sees the same.
            return ProbeResult.Rejected("TLS handshake failed: " + e.Message);
        }
        return await ExchangeAsync(tls, address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The TLS server name is the Host setting when there is one, else the address (checked against the certificate).</summary>
    private SslClientAuthenticationOptions TlsOptions(IPAddress address)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = _options.Host ?? address.ToString() };
        if (_options.AcceptAnyCertificate)
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        return options;
    }

    /// <summary>RFC 9112 §3: the request line and the two headers a probe needs; Host names the port unless it is the scheme's.</summary>
    private byte[] Request(IPAddress address)
    {
        string host = _options.Host ?? Authority(address);
        return Encoding.ASCII.GetBytes($"GET {_target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    }

    private string Authority(IPAddress address)
    {
        string literal = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        int port = _options.EffectivePort;
        return port == (_tls ? 443 : 80) ? literal : $"{literal}:{port}";
    }

    /// <summary>
    /// Reads up to the end of the status line (RFC 9112 §4: <c>HTTP/1.x SP status-code SP reason CRLF</c>) and
    /// returns the code, or null when what came is not a status line.
    /// </summary>
    private static async Task<int?> ReadStatusAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxStatusLine];
        int length = 0;
        while (true)
        {
            int end = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (end >= 0)
                return ParseStatusLine(buffer.AsSpan(0, end));
            if (length == buffer.Length)
                return null;
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (length == 0)
                    throw new EndOfStreamException();
                return ParseStatusLine(buffer.AsSpan(0, length));
            }
            length += read;
        }
    }

    internal static int? ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200 OK": the version, one space, three digits, then a space or the end of the line.
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' ')
            return null;
        var digits = line.Slice(9, 3);
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return null;
        }
        if (line.Length > 12 && line[12] is not ((byte)' ' or (byte)'\r'))
            return null;
        return (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
    }
}
