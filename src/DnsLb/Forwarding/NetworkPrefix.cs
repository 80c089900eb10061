using System.Globalization;
using System.Net;
using DnsLb.Answering;

namespace DnsLb.Forwarding;

/// <summary>
/// An address block (CIDR, RFC 4632) over the 128-bit form of <see cref="ClientAddress"/>: an IPv4 /n is the
/// IPv4-mapped block /(96+n), so one comparison serves both families.
/// </summary>
internal readonly record struct NetworkPrefix(UInt128 Network, int Length)
{
    public bool Contains(ClientAddress address) =>
        Length == 0 || ((address.Value ^ Network) >> (128 - Length)) == UInt128.Zero;

    /// <summary>Parses <c>address/length</c> or a single address; host bits are ignored (192.168.1.7/24 is 192.168.1.0/24).</summary>
    public static bool TryParse(string text, out NetworkPrefix prefix, out string? error)
    {
        prefix = default;
        error = null;
        var trimmed = text.Trim();
        int slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{addressText}' is not an IP address";
            return false;
        }
        bool v4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        int max = v4 ? 32 : 128;
        int length = max;
        if (slash >= 0 && (!int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
        {
            error = $"'{trimmed[(slash + 1)..]}' is not a prefix length (0-{max})";
            return false;
        }
        if (v4)
            length += 96;
        var value = ClientAddress.FromIPAddress(address).Value;
        var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        prefix = new NetworkPrefix(value & mask, length);
        return true;
    }
}
