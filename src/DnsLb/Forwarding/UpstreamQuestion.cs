using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// One question as it goes upstream: lowercased name, type, class, and the client's DO and CD bits, which
/// change the answer and therefore belong to the cache key (<see cref="Key"/>) as well.
/// </summary>
internal sealed record UpstreamQuestion(byte[] Key, byte[] LowerName, RecordType Type, ushort Class, bool DnssecOk, bool CheckingDisabled);
