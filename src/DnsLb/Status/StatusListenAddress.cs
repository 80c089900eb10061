using System.Globalization;
using System.Net;

namespace DnsLb.Status;

/// <summary>Reads <c>Status:Listen</c>: an IP address and an explicit port, IPv6 in brackets (<c>[::1]:8053</c>).</summary>
internal static class StatusListenAddress
{
    public static bool TryParse(string text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        text = text.Trim();
        int colon = text.LastIndexOf(':');
        if (colon <= 0)
            return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':'))
            return false; // an IPv6 address without brackets: its last group would pass for the port
        if (!IPAddress.TryParse(host, out var address)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port > IPEndPoint.MaxPort)
        {
            return false;
        }
        endPoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>127.0.0.0/8 and ::1, also when written as an IPv4-mapped IPv6 address.</summary>
    public static bool IsLoopbackOrMapped(this IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
