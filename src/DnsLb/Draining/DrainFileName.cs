using System.Net;
using System.Net.Sockets;

namespace DnsLb.Draining;

/// <summary>
/// The names of drain files. An IPv4 address is written as usual (<c>192.168.0.121</c>, four decimal
/// parts; never the short forms <c>10.1</c> that some parsers accept). An IPv6 address is written in any
/// of its forms (<c>2001:db8::1</c>, <c>2001:0db8:0:0:0:0:0:1</c>), or with a dash for every colon
/// (<c>2001-db8--1</c>, as Windows writes IPv6 addresses in file names), for tools and file systems that
/// dislike a colon in a name. Names starting with a dot (editors' temporary files) are not drain files.
/// </summary>
internal static class DrainFileName
{
    /// <summary>The address <paramref name="name"/> drains; false when it is not a drain file's name.</summary>
    public static bool TryParse(string name, out IPAddress address)
    {
        address = IPAddress.None;
        if (name.Length == 0 || name[0] == '.' || name.Contains('%'))
            return false;
        if (name.Contains(':') || (name.Contains('-') && !name.Contains('.')))
        {
            if (!IPAddress.TryParse(name.Replace('-', ':'), out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return false;
            address = v6.IsIPv4MappedToIPv6 ? v6.MapToIPv4() : v6;
            return true;
        }
        var parts = name.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
            return false;
        address = IPAddress.Parse(name);
        return true;
    }
}
