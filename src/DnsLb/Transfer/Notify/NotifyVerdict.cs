namespace DnsLb.Transfer.Notify;

/// <summary>What an incoming NOTIFY comes to.</summary>
public enum NotifyVerdict
{
    /// <summary>From a listed primary of a zone we are secondary for (signed with its key when it has one): refresh it now (RFC 1996 §4).</summary>
    Refresh,

    /// <summary>Malformed: FORMERR.</summary>
    FormErr,

    /// <summary>The TSIG failed: NOTAUTH with BADKEY, BADSIG or BADTIME.</summary>
    TsigRejected,

    /// <summary>Not a zone we are secondary for: NOTAUTH.</summary>
    NotAuth,

    /// <summary>From an address that is not one of the zone's primaries, or not signed with the zone's key: REFUSED.</summary>
    Refused,

    /// <summary>Not a NOTIFY request (a response, or another opcode): ignored, nothing sent.</summary>
    Ignored,
}
