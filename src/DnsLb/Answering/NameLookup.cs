using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>How a name was found in a zone (RFC 1034 §4.3.2 step 3, RFC 4592 §3.3.1, RFC 6672 §3.2).</summary>
internal enum LookupKind
{
    /// <summary>The name exists (possibly as an empty non-terminal).</summary>
    Exact,

    /// <summary>The name does not exist but a wildcard at its closest encloser matches.</summary>
    Wildcard,

    /// <summary>The name is at or below a zone cut: answer with a referral.</summary>
    Delegation,

    /// <summary>The name is below a DNAME's owner: answer by synthesis, whatever the zone holds there.</summary>
    BelowDname,

    /// <summary>The name does not exist and no wildcard applies.</summary>
    NxDomain,
}

/// <summary>Finds a name in a zone without allocating: walks from the apex down label by label.</summary>
internal static class NameLookup
{
    private static ReadOnlySpan<byte> WildcardLabel => [1, (byte)'*'];

    /// <param name="lowerName">The lowercased wire name; at or below the zone's apex.</param>
    /// <param name="dsQuery">True for DS queries: a zone cut at the name itself is answered by the parent
    /// (RFC 4035 §3.1.4.1), so it is not treated as a referral.</param>
    /// <param name="node">The node found: the name's own, the wildcard's, the zone cut's or the DNAME's owner.</param>
    public static LookupKind Find(Zone zone, ReadOnlySpan<byte> lowerName, bool dsQuery, out ZoneNode? node)
    {
        Span<int> starts = stackalloc int[128];
        int labels = 0;
        for (int position = 0; lowerName[position] != 0; position += lowerName[position] + 1)
            starts[labels++] = position;

        // The labels above apexIndex are the zone's own; walk the ones below it from the top down.
        int apexStart = lowerName.Length - zone.OriginKey.Length;
        int apexIndex = labels;
        for (int k = 0; k < labels; k++)
        {
            if (starts[k] == apexStart)
            {
                apexIndex = k;
                break;
            }
        }

        zone.TryGetNode(zone.OriginKey, out var closest);
        for (int index = apexIndex - 1; index >= 0; index--)
        {
            // RFC 6672 §2.4: a DNAME redirects every name below its owner; data there is occluded.
            if (closest.Dname is not null)
            {
                node = closest;
                return LookupKind.BelowDname;
            }
            // Empty non-terminals are nodes, so a missing name means nothing below it exists either.
            if (!zone.TryGetNode(lowerName[starts[index]..], out var current))
                return FindWildcard(zone, closest, out node);
            if (current.Delegation is not null && !(dsQuery && index == 0))
            {
                node = current;
                return LookupKind.Delegation;
            }
            closest = current;
        }
        node = closest;
        return LookupKind.Exact;
    }

    /// <summary>
    /// The node whose addresses go with a target name in the additional section: the name itself (glue below a
    /// cut included) or the wildcard that matches it, as Knot DNS finds them; none when a DNAME occludes it.
    /// </summary>
    public static ZoneNode? FindTarget(Zone zone, ReadOnlySpan<byte> lowerName)
    {
        switch (Find(zone, lowerName, dsQuery: false, out var node))
        {
            case LookupKind.Exact or LookupKind.Wildcard:
                return node;
            case LookupKind.Delegation:
                return zone.TryGetNode(lowerName, out var glue) ? glue : null;
            default:
                return null;
        }
    }

    /// <summary>RFC 4592 §3.3.1: the source of synthesis is "*." + the closest encloser.</summary>
    private static LookupKind FindWildcard(Zone zone, ZoneNode closestEncloser, out ZoneNode? node)
    {
        node = null;
        var encloser = closestEncloser.Name.LowerWire;
        if (WildcardLabel.Length + encloser.Length > WireName.MaxLength)
            return LookupKind.NxDomain;
        Span<byte> key = stackalloc byte[WireName.MaxLength];
        WildcardLabel.CopyTo(key);
        encloser.CopyTo(key[WildcardLabel.Length..]);
        if (!zone.TryGetNode(key[..(WildcardLabel.Length + encloser.Length)], out var source))
            return LookupKind.NxDomain;
        node = source;
        return LookupKind.Wildcard;
    }
}
