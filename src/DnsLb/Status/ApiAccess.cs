using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DnsLb.Status;

/// <summary>
/// Who may use the endpoint. POST requests (drain, undrain) need the bearer token when one is set (always,
/// when listening beyond loopback), and never come from another site: a browser names the page a request
/// comes from (Origin, Sec-Fetch-Site), so a web page elsewhere cannot drain a node through a visitor's
/// browser. An endpoint on loopback answers only requests addressed to a loopback name, so a site that
/// points its own name at 127.0.0.1 (DNS rebinding) cannot read or steer it either.
/// </summary>
internal sealed class ApiAccess
{
    private readonly byte[]? _token;
    private readonly bool _loopbackOnly;

    public ApiAccess(IOptions<StatusOptions> options)
    {
        var value = options.Value;
        _token = value.RequiresToken ? Encoding.UTF8.GetBytes("Bearer " + value.ApiToken) : null;
        _loopbackOnly = StatusListenAddress.TryParse(value.Listen, out var endPoint) && endPoint!.Address.IsLoopbackOrMapped();
    }

    public bool RequiresToken => _token is not null;

    /// <summary>False for a request to a loopback endpoint under another name than 127.0.0.1, [::1] or localhost.</summary>
    public bool IsAddressedHere(HttpRequest request)
    {
        if (!_loopbackOnly)
            return true;
        var host = request.Host.Host;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var address) && address.IsLoopbackOrMapped();
    }

    /// <summary>Whether a POST may change anything.</summary>
    public PostAccess CheckPost(HttpRequest request)
    {
        if (_token is not null)
        {
            var given = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, _token))
                return PostAccess.Unauthorized;
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return PostAccess.CrossSite;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return PostAccess.CrossSite;
        return PostAccess.Allowed;
    }
}
