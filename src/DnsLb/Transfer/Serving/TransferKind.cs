namespace DnsLb.Transfer.Serving;

/// <summary>How a transfer query is answered.</summary>
public enum TransferKind
{
    /// <summary>The client has the current version (or a newer one): the current SOA alone (RFC 1995 §2).</summary>
    UpToDate,

    /// <summary>The changes since the client's version, condensed per step (RFC 1995 §4).</summary>
    Incremental,

    /// <summary>The whole zone: every AXFR, and an IXFR the history cannot answer (RFC 1995 §4).</summary>
    Full,
}
