using DnsLb.Answering;

namespace DnsLb.Forwarding;

/// <summary>
/// Who may have names forwarded: a client inside one of the allowed networks. Everyone else is refused, so
/// DnsLb never becomes an open resolver (or a reflector for amplification). A linear scan: the list is a
/// handful of prefixes, and it allocates nothing.
/// </summary>
internal sealed class RecursionAcl
{
    private readonly NetworkPrefix[] _allowed;

    public RecursionAcl(IEnumerable<string> networks)
    {
        var allowed = new List<NetworkPrefix>();
        foreach (var network in networks)
        {
            if (!NetworkPrefix.TryParse(network, out var prefix, out var error))
                throw new ArgumentException($"{network}: {error}", nameof(networks));
            allowed.Add(prefix);
        }
        _allowed = [.. allowed];
    }

    public bool IsAllowed(ClientAddress client)
    {
        foreach (var prefix in _allowed)
        {
            if (prefix.Contains(client))
                return true;
        }
        return false;
    }
}
