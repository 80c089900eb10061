namespace DnsLb.Transfer;

/// <summary>What a secondary is sent of the pool names: the zone as written, or what DnsLb would answer now.</summary>
public enum TransferMembers
{
    /// <summary>
    /// Every record as the zone file has it, pool members included whatever their health: right for another
    /// DnsLb, which probes the members itself. The default.
    /// </summary>
    All,

    /// <summary>
    /// The pool names' addresses as DnsLb would answer them now (healthy, not drained, the all-down policy
    /// applied); each change of health is a new version with a higher serial and a NOTIFY. Right for a stock
    /// BIND, Knot or NSD secondary, which then serves only healthy nodes.
    /// </summary>
    Healthy,
}
