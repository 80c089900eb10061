using System.Buffers;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// Authoritative answering (RFC 1034 §4.3.2, RFC 2308, RFC 4592, RFC 8482): finds the zone, follows
/// in-zone CNAMEs, answers positive, negative (SOA in authority) or with a referral, and adds the
/// A/AAAA records of in-zone NS, MX and SRV targets as additional data. Writes straight into the response.
/// </summary>
internal sealed class AuthoritativeAnswerer(IAddressSelector selector)
{
    /// <summary>CNAME records followed at most in one answer; protects against loops in zone data.</summary>
    private const int MaxChain = 8;

    private const int StackOrderLimit = 256;

    public AnswerOutcome Answer(ZoneSet zones, scoped ReadOnlySpan<byte> qname, scoped ReadOnlySpan<byte> qnameLower, RecordType qtype, ref DnsMessageWriter writer)
    {
        var zone = zones.FindZone(qnameLower);
        if (zone is null)
            return AnswerOutcome.NotInZone;

        Span<byte> targetLower = stackalloc byte[WireName.MaxLength];
        var followed = new CnameTrail();
        scoped ReadOnlySpan<byte> owner = qname;
        scoped ReadOnlySpan<byte> ownerLower = qnameLower;
        for (int step = 0; ; step++)
        {
            var kind = NameLookup.Find(zone, ownerLower, qtype == RecordType.DS, out var node);
            if (kind == LookupKind.Delegation)
                return Referral(zone, node!, authoritative: step > 0, ref writer);
            if (kind == LookupKind.NxDomain)
                return Negative(zone, ResponseCode.NXDomain, ref writer);

            // A CNAME's own RRSIG and NSEC are answered as data, not through the alias (RFC 4035 §2.5).
            if (node!.Cname is { } cname && qtype is not (RecordType.CNAME or RecordType.RRSIG or RecordType.NSEC))
            {
                // A CNAME already in the answer means a loop: stop there, as Knot DNS and BIND do.
                if (followed.Contains(cname, step))
                    return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.NoError, true);
                followed[step] = cname;
                if (!WriteSet(cname, owner, ref writer))
                    return AnswerOutcome.Truncated;
                var target = ((NameData)cname.Items[0]).Target;
                // Only chains inside this zone are followed; ANY gets the CNAME alone (RFC 8482 §4.2).
                if (qtype == RecordType.ANY || !target.IsAtOrBelow(zone.Origin) || step + 1 >= MaxChain)
                    return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.NoError, true);
                owner = target.Wire;
                target.Wire.CopyTo(targetLower);
                ownerLower = targetLower[..target.Wire.Length];
                WireName.ToLower(targetLower[..target.Wire.Length]);
                continue;
            }

            // RFC 8482 §4.1: ANY gets one RRset, the lowest type as Knot DNS picks, so both servers agree.
            var set = qtype == RecordType.ANY ? node.LowestType() : node.Find(qtype);
            if (set is null)
                return Negative(zone, ResponseCode.NoError, ref writer);
            if (set.Type is RecordType.A or RecordType.AAAA)
            {
                var selection = WriteSelected(set, owner, ref writer, out bool fits);
                if (selection == AddressSelection.NoData)
                    return Negative(zone, ResponseCode.NoError, ref writer);
                if (selection == AddressSelection.ServFail)
                    return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.ServFail, true);
                if (!fits)
                    return AnswerOutcome.Truncated;
            }
            else if (!WriteSet(set, owner, ref writer))
            {
                return AnswerOutcome.Truncated;
            }
            AddTargetAddresses(zone, set, ref writer);
            return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.NoError, true);
        }
    }

    private AddressSelection WriteSelected(RRSet set, scoped ReadOnlySpan<byte> owner, ref DnsMessageWriter writer, out bool fits)
    {
        fits = true;
        int[]? rented = null;
        Span<int> order = set.Count <= StackOrderLimit
            ? stackalloc int[StackOrderLimit]
            : (rented = ArrayPool<int>.Shared.Rent(set.Count));
        try
        {
            var selection = selector.Select(set, order, out int count);
            if (selection != AddressSelection.Records)
                return selection;
            var mark = writer.Mark();
            for (int i = 0; i < count; i++)
            {
                if (!WriteRecord(owner, set.Type, set.Ttl, set.Items[order[i]], ref writer, MessageSection.Answer))
                {
                    writer.Rewind(mark);
                    fits = false;
                    break;
                }
            }
            return AddressSelection.Records;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static AnswerOutcome Negative(Zone zone, ResponseCode rcode, ref DnsMessageWriter writer)
    {
        // RFC 2308 §3: the SOA goes in authority, with TTL min(SOA TTL, SOA MINIMUM).
        var soa = zone.SoaSet;
        if (!WriteRecord(soa.Owner.Wire, RecordType.SOA, zone.NegativeTtl, soa.Items[0], ref writer, MessageSection.Authority))
            return AnswerOutcome.Truncated;
        return new AnswerOutcome(AnswerStatus.Answered, rcode, true);
    }

    private static AnswerOutcome Referral(Zone zone, ZoneNode cut, bool authoritative, ref DnsMessageWriter writer)
    {
        // RFC 1034 §4.3.2 step 3b: the cut's NS records in authority, glue in additional, AA clear.
        var ns = cut.Delegation!;
        if (!WriteSet(ns, ns.Owner.Wire, ref writer, MessageSection.Authority))
            return AnswerOutcome.Truncated;
        AddTargetAddresses(zone, ns, ref writer);
        return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.NoError, authoritative);
    }

    /// <summary>
    /// RFC 1035 §3.3.9/§3.3.11 and RFC 2782: A and AAAA of in-zone NS, MX and SRV targets go in the
    /// additional section when they fit; if they do not, they are left out (no TC: RFC 2181 §9).
    /// </summary>
    private static void AddTargetAddresses(Zone zone, RRSet set, ref DnsMessageWriter writer)
    {
        if (set.Type is not (RecordType.NS or RecordType.MX or RecordType.SRV))
            return;
        Span<byte> lower = stackalloc byte[WireName.MaxLength];
        var mark = writer.Mark();
        for (int i = 0; i < set.Count; i++)
        {
            var target = TargetOf(set.Items[i]);
            if (!target.IsAtOrBelow(zone.Origin) || SeenBefore(set, i, target))
                continue;
            var key = lower[..target.Wire.Length];
            target.Wire.CopyTo(key);
            WireName.ToLower(key);
            if (!zone.TryGetNode(key, out var node))
                continue;
            if (!WriteIfPresent(node.Find(RecordType.A), ref writer) || !WriteIfPresent(node.Find(RecordType.AAAA), ref writer))
            {
                writer.Rewind(mark);
                return;
            }
        }
    }

    private static bool SeenBefore(RRSet set, int index, DnsName target)
    {
        for (int j = 0; j < index; j++)
        {
            if (TargetOf(set.Items[j]).Equals(target))
                return true;
        }
        return false;
    }

    private static DnsName TargetOf(RData data) => data switch
    {
        NameData name => name.Target,
        MxData mx => mx.Exchange,
        SrvData srv => srv.Target,
        _ => throw new ArgumentException("not a record with a target name", nameof(data)),
    };

    private static bool WriteIfPresent(RRSet? set, ref DnsMessageWriter writer) =>
        set is null || WriteSet(set, set.Owner.Wire, ref writer, MessageSection.Additional);

    private static bool WriteSet(RRSet set, scoped ReadOnlySpan<byte> owner, ref DnsMessageWriter writer,
        MessageSection section = MessageSection.Answer)
    {
        var mark = writer.Mark();
        foreach (var data in set.Items)
        {
            if (!WriteRecord(owner, set.Type, set.Ttl, data, ref writer, section))
            {
                writer.Rewind(mark);
                return false;
            }
        }
        return true;
    }

    private static bool WriteRecord(scoped ReadOnlySpan<byte> owner, RecordType type, uint ttl, RData data, ref DnsMessageWriter writer, MessageSection section)
    {
        var mark = writer.Mark();
        if (writer.TryBeginRecord(owner, type, (ushort)RecordClass.IN, ttl, out int rdLength) && data.TryWrite(ref writer))
        {
            writer.EndRecord(rdLength, section);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }

    /// <summary>The CNAME RRsets written so far in one answer (no allocation).</summary>
    [System.Runtime.CompilerServices.InlineArray(MaxChain)]
    private struct CnameTrail
    {
        private RRSet _element;

        public readonly bool Contains(RRSet set, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (ReferenceEquals(this[i], set))
                    return true;
            }
            return false;
        }
    }
}
