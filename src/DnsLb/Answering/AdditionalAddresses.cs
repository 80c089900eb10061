using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>Which targets of an NS RRset a referral is writing addresses for (RFC 9471 §2).</summary>
internal enum GlueKind
{
    /// <summary>Every target: the additional data of an answer (NS, MX, SRV).</summary>
    Any,

    /// <summary>Targets at or below the zone cut: the glue a resolver cannot do without.</summary>
    InDomain,

    /// <summary>Targets elsewhere in the zone (sibling glue, authoritative addresses): welcome but optional.</summary>
    Elsewhere,
}

/// <summary>
/// Additional section processing (RFC 1035 §3.3.9, §3.3.11, RFC 2782): the A and AAAA RRsets of the names an
/// NS, MX or SRV RRset points at, found in the same zone (a wildcard match included, as Knot DNS does) and
/// written through <see cref="AnswerWriter"/>, so a pool target carries only the nodes it would answer.
/// Each target's A then AAAA; an RRset that does not fit is left out with the rest of its target's addresses
/// and the next target is tried, so as many fit as can (RFC 2181 §9) — the order and choice Knot DNS makes.
/// </summary>
internal sealed class AdditionalAddresses(AnswerWriter records)
{
    /// <summary>Distinct targets remembered on the stack; a larger RRset rents its table.</summary>
    private const int StackTableSize = 256;

    /// <summary>Writes the addresses of <paramref name="set"/>'s targets; false when some did not fit.</summary>
    public bool Write(IAddressSelector addresses, Zone zone, RRSet set, GlueKind kind, ref DnsMessageWriter writer)
    {
        if (set.Type is not (RecordType.NS or RecordType.MX or RecordType.SRV))
            return true;
        using var seen = new TargetSet(set, stackalloc int[StackTableSize]);
        bool complete = true;
        for (int i = 0; i < set.Count; i++)
        {
            var target = TargetOf(set.Items[i]);
            if (!target.IsAtOrBelow(zone.Origin) || !Wanted(target, set.Owner, kind) || !seen.Add(i))
                continue;
            if (NameLookup.FindTarget(zone, target.LowerWire) is not { } node)
                continue;
            if (!Fits(addresses, node.Find(RecordType.A), target, ref writer) || !Fits(addresses, node.Find(RecordType.AAAA), target, ref writer))
                complete = false;
        }
        return complete;
    }

    /// <summary>The name an NS, MX or SRV record points at.</summary>
    public static DnsName TargetOf(RData data) => data switch
    {
        NameData name => name.Target,
        MxData mx => mx.Exchange,
        SrvData srv => srv.Target,
        _ => throw new ArgumentException("not a record with a target name", nameof(data)),
    };

    private static bool Wanted(DnsName target, DnsName cut, GlueKind kind) => kind switch
    {
        GlueKind.InDomain => target.IsAtOrBelow(cut),
        GlueKind.Elsewhere => !target.IsAtOrBelow(cut),
        _ => true,
    };

    /// <summary>
    /// Writes the set under the target's name (a wildcard's records take the name they match). A selection with no
    /// address to give (a pool with every node down) writes nothing and is no failure to fit.
    /// </summary>
    private bool Fits(IAddressSelector addresses, RRSet? set, DnsName target, ref DnsMessageWriter writer) =>
        set is null || records.Write(addresses, set, target.Wire, MessageSection.Additional, ref writer) != SetWrite.DoesNotFit;
}
