using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace DnsLb.Transfer.Secondary;

/// <summary>A primary as configured: <c>address</c>, <c>address:port</c> or <c>[v6address]:port</c>; port 53 unless given. Addresses only.</summary>
internal static class PrimaryAddress
{
    public const int DefaultPort = 53;

    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        var value = text.Trim();
        string host = value;
        string? port = null;
        if (value.StartsWith('['))
        {
            int close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < value.Length && value[close + 1] != ':'))
            {
                error = "write an IPv6 address with a port as [address]:port";
                return false;
            }
            host = value[1..close];
            port = close + 1 < value.Length ? value[(close + 2)..] : null;
        }
        else if (value.Count(c => c == ':') == 1)
        {
            int colon = value.IndexOf(':', StringComparison.Ordinal);
            (host, port) = (value[..colon], value[(colon + 1)..]);
        }
        if (!IPAddress.TryParse(host, out var address) || host.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{host}' is not an IP address (host names are not resolved: give the primary's address)";
            return false;
        }
        int number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            error = $"'{value}' has no valid port (1-65535) after the address";
            return false;
        }
        endpoint = new IPEndPoint(address, number);
        error = null;
        return true;
    }
}
