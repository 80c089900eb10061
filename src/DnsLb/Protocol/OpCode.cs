namespace DnsLb.Protocol;

/// <summary>OPCODE values (RFC 1035 §4.1.1, RFC 1996, RFC 2136). Only QUERY is served.</summary>
public enum OpCode : byte
{
    Query = 0,
    IQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
}
