using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones.Parsing;

/// <summary>A record as read from a master file, with the line it came from (for error messages).</summary>
internal sealed record ParsedRecord(int Line, DnsName Owner, uint Ttl, RData Data);
