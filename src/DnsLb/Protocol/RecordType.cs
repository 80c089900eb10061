namespace DnsLb.Protocol;

/// <summary>Resource record TYPE and QTYPE values (RFC 1035 §3.2.2/§3.2.3 and later registrations).</summary>
/// <remarks>Any other value is legal on the wire and handled as opaque data (RFC 3597).</remarks>
public enum RecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    HINFO = 13,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    DNAME = 39,
    OPT = 41,
    DS = 43,
    HTTPS = 65,
    IXFR = 251,
    AXFR = 252,
    MAILB = 253,
    MAILA = 254,
    ANY = 255,
    CAA = 257,
}
