using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Forwarding;

/// <summary>
/// Names a LAN resolver answers itself and never forwards (dnsmasq's <c>bogus-priv</c> and
/// <c>domain-needed</c>): the locally served zones of RFC 6303 (reverse lookups of private, loopback,
/// link-local, shared-address and documentation ranges; RFC 7793 adds 100.64/10), RFC 6761's
/// <c>localhost.</c>, <c>invalid.</c> and <c>test.</c>, RFC 7686's <c>onion.</c>, RFC 8375's <c>home.arpa.</c>,
/// and single-label names. Leaking them upstream only tells the world about the LAN and loads the root
/// servers. The query engine asks its own zones first, so a zone the user serves (168.192.in-addr.arpa)
/// always wins over this list.
/// </summary>
internal static class LocalNames
{
    private static readonly HashSet<byte[]> Zones = BuildZones();
    private static readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> ZoneLookup = Zones.GetAlternateLookup<ReadOnlySpan<byte>>();
    private static readonly byte[] Arpa = DnsName.Parse("arpa.").ToLowerWire();
    private static readonly byte[] Localhost = DnsName.Parse("localhost.").ToLowerWire();
    private static readonly byte[] Root = [0];

    /// <summary>
    /// Whether <paramref name="lowerName"/> (lowercased wire form) is answered locally for <paramref name="type"/>,
    /// and under which local zone. False means the name may be forwarded.
    /// </summary>
    public static bool TryMatch(ReadOnlySpan<byte> lowerName, RecordType type, out LocalZone zone)
    {
        zone = default;
        int labels = WireName.LabelCount(lowerName);
        if (labels == 0)
            return false; // the root itself: a real question for upstream.
        int lastLabel = LastLabelOffset(lowerName);
        if (lowerName[lastLabel..].SequenceEqual(Arpa))
            return TryMatchSuffix(lowerName, out zone);
        if (ZoneLookup.TryGetValue(lowerName[lastLabel..], out var special))
        {
            zone = new LocalZone(special, lastLabel == 0, special.AsSpan().SequenceEqual(Localhost));
            return true;
        }
        if (labels == 1 && !IsDelegationData(type))
        {
            // A bare word ("printer", "nas") is a LAN host name: never asked of the internet. Its negative
            // answer is given as from a local root, since no zone below the root holds it.
            zone = new LocalZone(Root, AtApex: false, IsLocalhost: false);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A top-level domain's own NS, SOA and DNSSEC records are real and a validating stub asks for them:
    /// those single-label questions go upstream.
    /// </summary>
    private static bool IsDelegationData(RecordType type) => type is RecordType.NS or RecordType.SOA or RecordType.DS
        or RecordType.DNSKEY or RecordType.RRSIG or RecordType.NSEC or RecordType.NSEC3 or RecordType.NSEC3PARAM
        or RecordType.CDS or RecordType.CDNSKEY;

    private static bool TryMatchSuffix(ReadOnlySpan<byte> lowerName, out LocalZone zone)
    {
        for (int position = 0; lowerName[position] != 0; position += lowerName[position] + 1)
        {
            if (ZoneLookup.TryGetValue(lowerName[position..], out var apex))
            {
                zone = new LocalZone(apex, position == 0, IsLocalhost: false);
                return true;
            }
        }
        zone = default;
        return false;
    }

    private static int LastLabelOffset(ReadOnlySpan<byte> name)
    {
        int last = 0;
        for (int position = 0; name[position] != 0; position += name[position] + 1)
            last = position;
        return last;
    }

    private static HashSet<byte[]> BuildZones()
    {
        var names = new List<string>
        {
            // RFC 6303 §4.1-4.5: RFC 1918, "this network", loopback, link-local, documentation, broadcast.
            "10.in-addr.arpa.", "168.192.in-addr.arpa.", "0.in-addr.arpa.", "127.in-addr.arpa.", "254.169.in-addr.arpa.",
            "2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.", "113.0.203.in-addr.arpa.", "255.255.255.255.in-addr.arpa.",
            // RFC 6303 §4.6-4.8: ::, ::1, locally assigned ULA (fd00::/8, and fc00::/8 with it: fc00::/7),
            // link-local fe80::/10, documentation 2001:db8::/32.
            string.Concat(Enumerable.Repeat("0.", 32)) + "ip6.arpa.",
            "1." + string.Concat(Enumerable.Repeat("0.", 31)) + "ip6.arpa.",
            "d.f.ip6.arpa.", "c.f.ip6.arpa.", "8.e.f.ip6.arpa.", "9.e.f.ip6.arpa.", "a.e.f.ip6.arpa.", "b.e.f.ip6.arpa.",
            "8.b.d.0.1.0.0.2.ip6.arpa.",
            "home.arpa.",   // RFC 8375
            "localhost.",   // RFC 6761 §6.3
            "invalid.",     // RFC 6761 §6.4
            "test.",        // RFC 6761 §6.2
            "onion.",       // RFC 7686 §2: caching servers MUST answer NXDOMAIN
        };
        for (int i = 16; i <= 31; i++)
            names.Add(string.Create(CultureInfo.InvariantCulture, $"{i}.172.in-addr.arpa.")); // 172.16.0.0/12
        for (int i = 64; i <= 127; i++)
            names.Add(string.Create(CultureInfo.InvariantCulture, $"{i}.100.in-addr.arpa.")); // RFC 6598 100.64.0.0/10 (RFC 7793)
        var set = new HashSet<byte[]>(NameKeyComparer.Instance);
        foreach (var name in names)
            set.Add(DnsName.Parse(name).ToLowerWire());
        return set;
    }
}
