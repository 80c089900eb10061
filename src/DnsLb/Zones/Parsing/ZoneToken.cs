namespace DnsLb.Zones.Parsing;

/// <summary>
/// One token of a master file. <see cref="Text"/> is raw: escapes (<c>\X</c>, <c>\DDD</c>) are kept so the
/// consumer can decode them in context (an escaped dot in a name is not a label separator).
/// </summary>
internal readonly record struct ZoneToken(string Text, bool Quoted, int Line);

/// <summary>
/// Where a token lies in the file's text, as <see cref="ZoneTokenizer"/> finds it: no string is made until
/// one is needed. A quoted token's span leaves out the quotes; its escapes are kept, as in
/// <see cref="ZoneToken.Text"/>.
/// </summary>
internal readonly record struct TokenSpan(int Start, int Length, bool Quoted, int Line)
{
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);

    /// <summary>A token that starts a directive: unquoted, with a leading '$' (RFC 1035 §5.1).</summary>
    public bool IsDirective(string text) => !Quoted && Length > 0 && text[Start] == '$';

    public ZoneToken ToToken(string text) => new(text.Substring(Start, Length), Quoted, Line);
}

/// <summary>
/// One logical entry: a line, joined across parentheses (RFC 1035 §5.1), whose tokens the tokenizer put
/// in the caller's list. <see cref="OwnerOmitted"/> is true when the line started with blank space (the
/// previous owner applies).
/// </summary>
internal readonly record struct ZoneEntry(int Line, bool OwnerOmitted);
