namespace DnsLb.Transfer.Notify;

/// <summary>How a NOTIFY ended for one secondary.</summary>
public enum NotifyStatus
{
    /// <summary>The secondary answered NOERROR (signed, when we signed).</summary>
    Acknowledged,

    /// <summary>The secondary answered with an error (NOTAUTH, REFUSED, NOTIMP…): asking again would not change it.</summary>
    Refused,

    /// <summary>No acceptable answer after every attempt.</summary>
    Unanswered,
}
