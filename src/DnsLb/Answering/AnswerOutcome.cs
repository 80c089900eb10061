using DnsLb.Protocol;

namespace DnsLb.Answering;

/// <summary>What answering did to the response being written.</summary>
internal enum AnswerStatus
{
    /// <summary>Sections written; the rcode and AA flag say how.</summary>
    Answered,

    /// <summary>The name is in no zone served here.</summary>
    NotInZone,

    /// <summary>A required RRset did not fit: the caller rewinds and sets TC (RFC 2181 §9).</summary>
    Truncated,
}

internal readonly record struct AnswerOutcome(AnswerStatus Status, ResponseCode Rcode, bool Authoritative)
{
    public static AnswerOutcome NotInZone => new(AnswerStatus.NotInZone, ResponseCode.Refused, false);
    public static AnswerOutcome Truncated => new(AnswerStatus.Truncated, ResponseCode.NoError, true);
}
