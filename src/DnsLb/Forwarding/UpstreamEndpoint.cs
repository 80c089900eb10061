using System.Globalization;
using System.Net;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// One upstream resolver as configured: an address and port, and for DNS over TLS (RFC 7858 §3) the name its
/// certificate must carry. Only literal addresses: resolving a host name would need the resolver we are.
/// </summary>
internal sealed record UpstreamEndpoint(IPEndPoint EndPoint, string? TlsName, string Text)
{
    public const int DnsPort = 53;
    public const int DnsOverTlsPort = 853;
    private const string TlsScheme = "tls://";

    public bool IsTls => TlsName is not null;

    public override string ToString() => Text;

    /// <summary>Parses <c>address[:port]</c>, <c>[v6]:port</c> or <c>tls://address[:port]#name</c>.</summary>
    public static bool TryParse(string text, out UpstreamEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        var rest = text.Trim();
        string? tlsName = null;
        bool tls = rest.StartsWith(TlsScheme, StringComparison.OrdinalIgnoreCase);
        if (tls)
        {
            rest = rest[TlsScheme.Length..];
            int hash = rest.IndexOf('#', StringComparison.Ordinal);
            if (hash < 0 || hash == rest.Length - 1)
            {
                error = "a tls:// upstream needs #name, the name its certificate is checked against (tls://192.0.2.1#dns.example.net)";
                return false;
            }
            tlsName = rest[(hash + 1)..].TrimEnd('.');
            rest = rest[..hash];
            if (!DnsName.TryParse(tlsName + ".", null, out _, out _) || tlsName.Length == 0)
            {
                error = $"'{tlsName}' is not a host name to check the certificate against";
                return false;
            }
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            error = "the only scheme is tls:// (DNS over TLS); plain upstreams are written address[:port]";
            return false;
        }
        if (!TrySplitHostPort(rest, tls ? DnsOverTlsPort : DnsPort, out var address, out int port, out error))
            return false;
        endpoint = new UpstreamEndpoint(new IPEndPoint(address!, port), tlsName, text.Trim());
        return true;
    }

    private static bool TrySplitHostPort(string text, int defaultPort, out IPAddress? address, out int port, out string? error)
    {
        address = null;
        port = defaultPort;
        error = null;
        string host = text;
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "missing ']' after the IPv6 address";
                return false;
            }
            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = "expected ':port' after ']'";
                    return false;
                }
                portText = after[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }
        // More than one colon without brackets: a bare IPv6 address, default port.
        if (!IPAddress.TryParse(host, out address) || host.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{host}' is not an IP address (host names are not resolved: give the resolver's address)";
            return false;
        }
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{portText}' is not a port (1-65535)";
            return false;
        }
        return true;
    }
}
