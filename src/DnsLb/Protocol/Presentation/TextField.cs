namespace DnsLb.Protocol.Presentation;

/// <summary>
/// One blank-separated field of a record's RDATA in presentation form (RFC 1035 §5.1). <see cref="Text"/> is
/// raw: escapes (<c>\X</c>, <c>\DDD</c>) are still in it, because what they mean depends on the field (an
/// escaped dot in a name is not a label separator). <see cref="Quoted"/> says it was written in quotes.
/// </summary>
public readonly record struct TextField(string Text, bool Quoted);
