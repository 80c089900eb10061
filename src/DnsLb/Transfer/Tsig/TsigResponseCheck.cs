namespace DnsLb.Transfer.Tsig;

/// <summary>What checking one response message's TSIG found (the client's side, RFC 8945 §5.3.1, §5.4).</summary>
public enum TsigResponseCheck
{
    /// <summary>Signed with our key, MAC and time good.</summary>
    Valid,

    /// <summary>An unsigned message inside a stream, as RFC 8945 §5.3.1 lets a client accept (up to 99 in a row).</summary>
    Unsigned,

    /// <summary>No TSIG where one is required: the first or last message, or the 100th unsigned in a row.</summary>
    Missing,

    /// <summary>The TSIG record is misplaced, unreadable or has a forbidden MAC length.</summary>
    Malformed,

    /// <summary>Signed with another key or algorithm than the request.</summary>
    BadKey,

    /// <summary>The MAC does not verify: the message was altered or the key differs.</summary>
    BadSig,

    /// <summary>Signed outside the fudge of our clock.</summary>
    BadTime,

    /// <summary>The server reported a TSIG error (see <see cref="TsigClientExchange.ServerError"/>).</summary>
    Rejected,
}
