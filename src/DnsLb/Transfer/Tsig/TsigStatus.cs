namespace DnsLb.Transfer.Tsig;

/// <summary>What checking a request's TSIG found (RFC 8945 §5.2), in the order the checks run.</summary>
public enum TsigStatus
{
    /// <summary>No TSIG record: whether that is enough is the caller's access rule.</summary>
    Unsigned,

    /// <summary>Signed by a known key, MAC and time good: the response is signed with the same key.</summary>
    Valid,

    /// <summary>A TSIG record where it must not be, twice, unreadable, or with a MAC length RFC 8945 §5.2.2.1 forbids: FORMERR.</summary>
    FormErr,

    /// <summary>Unknown key, or a known key with another algorithm (§5.2.1): NOTAUTH with BADKEY, unsigned.</summary>
    BadKey,

    /// <summary>The MAC does not verify (§5.2.2): NOTAUTH with BADSIG, unsigned.</summary>
    BadSig,

    /// <summary>MAC good but the time is outside the fudge (§5.2.3): NOTAUTH with BADTIME, signed.</summary>
    BadTime,
}
