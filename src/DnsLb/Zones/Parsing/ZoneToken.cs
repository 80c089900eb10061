namespace DnsLb.Zones.Parsing;

/// <summary>
/// One token of a master file. <see cref="Text"/> is raw: escapes (<c>\X</c>, <c>\DDD</c>) are kept so the
/// consumer can decode them in context (an escaped dot in a name is not a label separator).
/// </summary>
internal readonly record struct ZoneToken(string Text, bool Quoted, int Line);

/// <summary>
/// One logical entry: the tokens of a line, joined across parentheses (RFC 1035 §5.1).
/// <see cref="OwnerOmitted"/> is true when the line started with blank space (the previous owner applies).
/// </summary>
internal sealed record ZoneEntry(int Line, bool OwnerOmitted, IReadOnlyList<ZoneToken> Tokens);
