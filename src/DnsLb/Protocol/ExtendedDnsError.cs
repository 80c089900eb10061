namespace DnsLb.Protocol;

/// <summary>
/// Extended DNS Error INFO-CODEs (RFC 8914 §4), carried in an EDE option (code 15) of the response's OPT record
/// to tell the client why an answer is what it is. Only the codes DnsLb sends are listed.
/// </summary>
public enum ExtendedDnsError : ushort
{
    /// <summary>RFC 8914 §4.19: the server refuses this client by policy (recursion for a client outside the allowed networks).</summary>
    Prohibited = 18,

    /// <summary>RFC 8914 §4.21: the query is for a name this server is not authoritative for (with REFUSED).</summary>
    NotAuthoritative = 20,
}
