using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// A record as read from a master file. A value, not an object: a zone holds hundreds of thousands.
/// <see cref="Owner"/> is the owner's index in the parse's <see cref="NameTable"/>; <see cref="Source"/>
/// says where the record was written, for error messages.
/// </summary>
internal readonly record struct ParsedRecord(int Owner, uint Ttl, RData Data, SourceLine Source);

/// <summary>
/// A line of one of the files read for a zone (the zone file or a file it includes): <see cref="File"/>
/// indexes <see cref="ZoneFileParseResult.Files"/>. <see cref="Order"/> counts entries across every file in
/// the order they were read, so errors from parsing and from building can be listed together in that order.
/// </summary>
internal readonly record struct SourceLine(int File, int Line, int Order);

/// <summary>One problem found in a zone, formatted <c>file:line: what is wrong</c>, and where it sorts.</summary>
internal readonly record struct ZoneError(int Order, string Text);
