namespace DnsLb.Forwarding;

/// <summary>What a cached answer says, which decides how long it lives.</summary>
internal enum AnswerKind
{
    /// <summary>Records of the asked type (or a CNAME chain to them): lives as long as its shortest TTL.</summary>
    Positive,

    /// <summary>NXDOMAIN or NODATA with the zone's SOA: lives min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).</summary>
    Negative,

    /// <summary>SERVFAIL because every upstream failed: lives a few seconds (RFC 9520), never served stale.</summary>
    Failure,
}
