namespace DnsLb.Balancing;

/// <summary>What a pool name answers when no member is healthy.</summary>
public enum WhenAllDown
{
    /// <summary>Every member (fail open, as gdnsd and Route 53 do): a client may still reach a node the probe misjudged.</summary>
    All,

    /// <summary>No address: an authoritative NODATA answer.</summary>
    None,

    /// <summary>SERVFAIL: resolvers try elsewhere or report the failure.</summary>
    ServFail,
}
