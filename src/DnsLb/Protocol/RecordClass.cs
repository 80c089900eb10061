namespace DnsLb.Protocol;

/// <summary>CLASS values (RFC 1035 §3.2.4). Only IN is served; the others are recognised to refuse them.</summary>
public enum RecordClass : ushort
{
    IN = 1,
    CH = 3,
    HS = 4,
    NONE = 254,
    ANY = 255,
}
