using DnsLb.Protocol;

namespace DnsLb.Answering;

/// <summary>Whether answering found a zone for the name.</summary>
internal enum AnswerStatus
{
    /// <summary>Sections written; the rcode, AA and TC flags say how.</summary>
    Answered,

    /// <summary>The name is in no zone served here.</summary>
    NotInZone,
}

/// <summary>
/// What answering did to the response being written. <paramref name="Truncated"/>: a required RRset did not
/// fit, so the response holds the whole RRsets written before it and goes out with TC=1 (RFC 2181 §9).
/// </summary>
internal readonly record struct AnswerOutcome(AnswerStatus Status, ResponseCode Rcode, bool Authoritative, bool Truncated = false)
{
    public static AnswerOutcome NotInZone => new(AnswerStatus.NotInZone, ResponseCode.Refused, false);

    /// <summary>An authoritative answer with <paramref name="rcode"/>.</summary>
    public static AnswerOutcome Answered(ResponseCode rcode = ResponseCode.NoError) => new(AnswerStatus.Answered, rcode, true);

    /// <summary>An answer cut short: TC=1, the rcode and AA as they would have been (a referral keeps AA clear).</summary>
    public static AnswerOutcome TruncatedAs(ResponseCode rcode, bool authoritative) => new(AnswerStatus.Answered, rcode, authoritative, true);
}
