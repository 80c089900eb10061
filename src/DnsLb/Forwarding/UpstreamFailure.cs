namespace DnsLb.Forwarding;

/// <summary>Why one attempt at an upstream gave no usable answer.</summary>
internal enum UpstreamFailure
{
    None,

    /// <summary>SERVFAIL: often about the name rather than the upstream, so the upstream is not avoided for it.</summary>
    ServFail,

    /// <summary>REFUSED: the upstream will not serve us.</summary>
    Refused,

    /// <summary>Another rcode we do not pass on (FORMERR, NOTIMP, an extended rcode).</summary>
    OtherRcode,

    /// <summary>An answer that matched our query but could not be read.</summary>
    Malformed,

    /// <summary>Connection refused or reset, TLS failure, the network unreachable.</summary>
    Network,

    /// <summary>No answer within the attempt timeout.</summary>
    Timeout,
}
