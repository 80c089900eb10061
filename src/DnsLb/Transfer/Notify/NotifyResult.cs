using System.Net;

namespace DnsLb.Transfer.Notify;

/// <summary>How one NOTIFY to one secondary ended.</summary>
public sealed record NotifyResult(IPEndPoint Target, NotifyStatus Status, int Attempts, string? Detail = null);

public enum NotifyStatus
{
    /// <summary>The secondary answered NOERROR (signed, when we signed).</summary>
    Acknowledged,

    /// <summary>The secondary answered with an error (NOTAUTH, REFUSED, NOTIMP…): asking again would not change it.</summary>
    Refused,

    /// <summary>No acceptable answer after every attempt.</summary>
    Unanswered,
}
