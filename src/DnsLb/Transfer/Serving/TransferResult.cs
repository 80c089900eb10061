namespace DnsLb.Transfer.Serving;

/// <summary>What a transfer query got.</summary>
public enum TransferResult
{
    /// <summary>The query is malformed (or its TSIG record is): FORMERR.</summary>
    FormErr,

    /// <summary>The client is not a listed secondary, or did not sign with its key: REFUSED.</summary>
    Refused,

    /// <summary>We have no such zone (RFC 5936 §2.2.1): NOTAUTH.</summary>
    NotAuth,

    /// <summary>The TSIG failed (BADKEY, BADSIG, BADTIME): NOTAUTH with the TSIG error.</summary>
    TsigRejected,

    /// <summary>The SOA alone: the client is current (or asked over UDP, RFC 1995 §2).</summary>
    UpToDate,

    /// <summary>The changes since the client's version.</summary>
    Incremental,

    /// <summary>The whole zone.</summary>
    Full,
}
