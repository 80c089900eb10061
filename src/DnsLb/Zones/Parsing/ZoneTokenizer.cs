using System.Buffers;
using System.Runtime.CompilerServices;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Splits master-file text into entries (RFC 1035 §5.1): blank space separates tokens, ';' starts a
/// comment, '(' and ')' join lines, '"' quotes a string that may hold blanks, '\' escapes the next
/// character. Reads one entry at a time, and a token is only a position in the text: a zone of a
/// million records is read without a string per token (the parser makes strings only for record data).
/// Compiled optimized at once, as <see cref="ZoneFileParser"/> explains.
/// </summary>
internal sealed class ZoneTokenizer(string text, Action<int, string> error)
{
    // Everything that ends a plain token; the rest of a token is skipped in one vectorised search.
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(" \t\r\n;()\"\\");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\\\n");

    private int _position;
    private int _line = 1;
    private int _parenDepth;
    private int _parenLine;

    /// <summary>The text the tokens point into.</summary>
    public string Text => text;

    /// <summary>
    /// Reads the next entry's tokens into <paramref name="tokens"/> (cleared first). False at the end of
    /// the text. Problems go to the error callback with their line; reading goes on after them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadEntry(List<TokenSpan> tokens, out ZoneEntry entry)
    {
        tokens.Clear();
        entry = default;
        bool ownerOmitted = false;
        bool atLineStart = true;
        while (_position < text.Length)
        {
            char c = text[_position];
            if (atLineStart && _parenDepth == 0)
            {
                // A record line that starts with blank space has no owner (RFC 1035 §5.1).
                ownerOmitted = c is ' ' or '\t';
                atLineStart = false;
            }
            switch (c)
            {
                case '\n':
                    _position++;
                    _line++;
                    if (_parenDepth > 0)
                        break;
                    if (tokens.Count > 0)
                    {
                        entry = new ZoneEntry(tokens[0].Line, ownerOmitted);
                        return true;
                    }
                    atLineStart = true;
                    break;
                case ' ' or '\t' or '\r':
                    _position++;
                    break;
                case ';':
                    int end = text.AsSpan(_position).IndexOf('\n');
                    _position = end < 0 ? text.Length : _position + end;
                    break;
                case '(':
                    if (_parenDepth++ == 0)
                        _parenLine = _line;
                    _position++;
                    break;
                case ')':
                    if (_parenDepth == 0)
                        error(_line, "')' without a matching '('");
                    else
                        _parenDepth--;
                    _position++;
                    break;
                case '"':
                    tokens.Add(ReadQuoted());
                    break;
                default:
                    tokens.Add(ReadPlain());
                    break;
            }
        }
        if (_parenDepth > 0)
        {
            error(_parenLine, "'(' is never closed");
            _parenDepth = 0;
        }
        if (tokens.Count == 0)
            return false;
        entry = new ZoneEntry(tokens[0].Line, ownerOmitted);
        return true;
    }

    /// <summary>A token up to the next delimiter; <c>\X</c> escapes stay in it, to be decoded in context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TokenSpan ReadPlain()
    {
        int start = _position;
        while (true)
        {
            int next = text.AsSpan(_position).IndexOfAny(Delimiters);
            _position = next < 0 ? text.Length : _position + next;
            if (_position == text.Length || text[_position] != '\\')
                break;
            if (_position + 1 < text.Length && text[_position + 1] != '\n')
            {
                _position += 2;
                continue;
            }
            error(_line, "'\\' at the end of a line");
            _position++;
            break;
        }
        return new TokenSpan(start, _position - start, Quoted: false, _line);
    }

    /// <summary>A quoted string (the quotes left out); it must close on the line it opens.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TokenSpan ReadQuoted()
    {
        int start = ++_position;
        while (true)
        {
            int next = text.AsSpan(_position).IndexOfAny(QuotedStops);
            _position = next < 0 ? text.Length : _position + next;
            if (_position < text.Length && text[_position] == '\\' && _position + 1 < text.Length && text[_position + 1] != '\n')
            {
                _position += 2;
                continue;
            }
            if (_position < text.Length && text[_position] == '"')
            {
                var token = new TokenSpan(start, _position - start, Quoted: true, _line);
                _position++;
                return token;
            }
            error(_line, "quoted string is not closed before the end of the line");
            // A backslash before the line's end is dropped with the rest; the newline ends the entry.
            int length = _position - start;
            if (_position < text.Length && text[_position] == '\\')
                _position++;
            return new TokenSpan(start, length, Quoted: true, _line);
        }
    }
}
