namespace DnsLb.Protocol.RecordData;

/// <summary>One SvcParam of SVCB/HTTPS (RFC 9460 §2.2): a key and its value in wire form.</summary>
public readonly record struct SvcParam(ushort Key, byte[] Value);
