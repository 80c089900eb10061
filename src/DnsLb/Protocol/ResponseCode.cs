namespace DnsLb.Protocol;

/// <summary>
/// RCODE values (RFC 1035 §4.1.1; YXDOMAIN from RFC 2136 §2.2, as RFC 6672 §2.2 uses it; NOTAUTH from RFC 2136
/// §2.2 as RFC 8945 §5.2 and RFC 5936 §2.2.1 use it; BADVERS is the 12-bit extended code of RFC 6891 §6.1.3).
/// </summary>
public enum ResponseCode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    NotAuth = 9,
    BadVers = 16,
}
