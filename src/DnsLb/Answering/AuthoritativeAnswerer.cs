using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// Authoritative answering (RFC 1034 §4.3.2, RFC 2308, RFC 4592, RFC 6672, RFC 8482): finds the zone, follows
/// CNAMEs and DNAMEs inside it, and answers with data, a negative answer (SOA in authority) or a referral,
/// with the addresses of NS, MX and SRV targets as additional data. Writes straight into the response, every
/// record through <see cref="AnswerWriter"/>. Everything comes from the one snapshot the query was handed:
/// its zones and the address selection made for them.
/// </summary>
internal sealed class AuthoritativeAnswerer
{
    /// <summary>
    /// CNAMEs (from the zone or synthesised from a DNAME) in one answer at most: Knot DNS's limit, so both servers
    /// answer a long chain alike; it also ends loops through DNAMEs, whose synthesised CNAMEs are new each time.
    /// </summary>
    internal const int MaxCnames = 5;

    private readonly AnswerWriter _records;
    private readonly AdditionalAddresses _additional;
    private readonly Referral _referral;

    public AuthoritativeAnswerer()
    {
        _records = new AnswerWriter();
        _additional = new AdditionalAddresses(_records);
        _referral = new Referral(_records, _additional);
    }

    /// <param name="zones">The zones of the snapshot the query reads (or of its Healthy view).</param>
    /// <param name="addresses">The address selection made for those zones.</param>
    public AnswerOutcome Answer(ZoneSet zones, IAddressSelector addresses, scoped ReadOnlySpan<byte> qname, scoped ReadOnlySpan<byte> qnameLower, RecordType qtype,
        ref DnsMessageWriter writer)
    {
        var zone = zones.FindZone(qnameLower);
        if (zone is null)
            return AnswerOutcome.NotInZone;

        var name = new ChaseName(qname, qnameLower, stackalloc byte[ChaseName.BufferSize]);
        var trail = new AnswerTrail();
        for (int cnames = 0; ; cnames++)
        {
            var kind = NameLookup.Find(zone, name.Lower, qtype == RecordType.DS, out var node);
            if (kind == LookupKind.Delegation)
                return _referral.Write(addresses, zone, node!, authoritative: cnames > 0, ref writer);
            if (kind == LookupKind.NxDomain)
                return Negative(zone, ResponseCode.NXDomain, ref writer);

            // Loops end where Knot DNS ends them: at a CNAME RRset already written, or at the chain limit.
            // A CNAME's own RRSIG and NSEC are answered as data, not through the alias (RFC 4035 §2.5).
            var alias = kind == LookupKind.BelowDname ? node!.Dname!
                : qtype is RecordType.CNAME or RecordType.RRSIG or RecordType.NSEC ? null : node!.Cname;
            if (alias is null)
                return Data(addresses, zone, node!, name.Wire, qtype, ref writer);
            if (cnames == MaxCnames || (alias.Type == RecordType.CNAME && trail.Contains(alias)))
                return AnswerOutcome.Answered();

            if (alias.Type == RecordType.CNAME)
            {
                if (_records.Write(addresses, alias, name.Wire, MessageSection.Answer, ref writer) != SetWrite.Written)
                    return AnswerOutcome.TruncatedAs(ResponseCode.NoError, true);
                trail.Add(alias);
                name.MoveTo(((NameData)alias.Items[0]).Target);
                // RFC 8482 §4.2: ANY at an alias gets the CNAME alone.
                if (qtype == RecordType.ANY)
                    return AnswerOutcome.Answered();
            }
            else
            {
                // RFC 6672 §3.2: the DNAME (once per answer), then the CNAME it stands for, from the name as asked
                // to the name with the DNAME's owner replaced by its target; YXDOMAIN when that would exceed 255
                // octets (§2.2).
                if (!trail.Contains(alias))
                {
                    if (_records.Write(addresses, alias, alias.Owner.Wire, MessageSection.Answer, ref writer) != SetWrite.Written)
                        return AnswerOutcome.TruncatedAs(ResponseCode.NoError, true);
                    trail.Add(alias);
                }
                if (!name.TrySubstitute(node!.Name.Wire.Length, ((NameData)alias.Items[0]).Target))
                    return AnswerOutcome.Answered(ResponseCode.YXDomain);
                if (!_records.TryWriteSynthesizedCname(name.Previous, alias.Ttl, name.Wire, ref writer))
                    return AnswerOutcome.TruncatedAs(ResponseCode.NoError, true);
                // The synthesised CNAME is the answer to a CNAME query (as in Knot DNS).
                if (qtype == RecordType.CNAME)
                    return AnswerOutcome.Answered();
            }
            // Only chains inside this zone are followed.
            if (!WireName.IsAtOrBelow(name.Lower, zone.OriginKey))
                return AnswerOutcome.Answered();
        }
    }

    private AnswerOutcome Data(IAddressSelector addresses, Zone zone, ZoneNode node, scoped ReadOnlySpan<byte> owner, RecordType qtype, ref DnsMessageWriter writer)
    {
        // RFC 8482 §4.1: ANY gets one RRset, the lowest type as Knot DNS picks, so both servers agree.
        var set = qtype == RecordType.ANY ? node.LowestType() : node.Find(qtype);
        if (set is null)
            return Negative(zone, ResponseCode.NoError, ref writer);
        switch (_records.Write(addresses, set, owner, MessageSection.Answer, ref writer))
        {
            case SetWrite.NoData:
                return Negative(zone, ResponseCode.NoError, ref writer);
            case SetWrite.ServFail:
                return AnswerOutcome.Answered(ResponseCode.ServFail);
            case SetWrite.DoesNotFit:
                return AnswerOutcome.TruncatedAs(ResponseCode.NoError, true);
        }
        _additional.Write(addresses, zone, set, GlueKind.Any, ref writer);
        return AnswerOutcome.Answered();
    }

    /// <summary>
    /// NXDOMAIN or NODATA with the SOA in authority (RFC 2308 §3). After a long chain the SOA may not fit: it is
    /// then left out without TC, as Knot DNS does; the answer stands, only its negative caching is lost (§5).
    /// </summary>
    private AnswerOutcome Negative(Zone zone, ResponseCode rcode, ref DnsMessageWriter writer)
    {
        _records.TryWriteNegativeSoa(zone, ref writer);
        return AnswerOutcome.Answered(rcode);
    }
}
