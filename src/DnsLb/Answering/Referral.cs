using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// A referral (RFC 1034 §4.3.2 step 3b): the zone cut's NS RRset in the authority section, AA clear, and the
/// addresses of its name servers in the additional section. RFC 9471 §3.1: glue for name servers at or below
/// the cut is required — when any of it does not fit, the response says so with TC=1 and the resolver asks
/// again over TCP, rather than being handed a referral it cannot follow. Other addresses (sibling glue, the
/// zone's own names) follow as far as they fit, without TC (RFC 9471 §3.2). Knot DNS writes them in this
/// order too: required glue first.
/// </summary>
internal sealed class Referral(AnswerWriter records, AdditionalAddresses additional)
{
    /// <param name="authoritative">True when a CNAME or DNAME led here: the answer section is ours (AA=1).</param>
    public AnswerOutcome Write(IAddressSelector addresses, Zone zone, ZoneNode cut, bool authoritative, ref DnsMessageWriter writer)
    {
        var ns = cut.Delegation!;
        if (records.Write(addresses, ns, ns.Owner.Wire, MessageSection.Authority, ref writer) != SetWrite.Written)
            return AnswerOutcome.TruncatedAs(ResponseCode.NoError, authoritative);
        bool glueComplete = additional.Write(addresses, zone, ns, GlueKind.InDomain, ref writer);
        additional.Write(addresses, zone, ns, GlueKind.Elsewhere, ref writer);
        return new AnswerOutcome(AnswerStatus.Answered, ResponseCode.NoError, authoritative, Truncated: !glueComplete);
    }
}
