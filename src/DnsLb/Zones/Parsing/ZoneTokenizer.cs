using System.Text;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Splits master-file text into entries (RFC 1035 §5.1): blank space separates tokens, ';' starts a
/// comment, '(' and ')' join lines, '"' quotes a string that may hold blanks, '\' escapes the next
/// character. Problems are reported through <paramref name="errors"/> with their line number.
/// </summary>
internal static class ZoneTokenizer
{
    public static List<ZoneEntry> Tokenize(string text, Action<int, string> error)
    {
        var entries = new List<ZoneEntry>();
        var tokens = new List<ZoneToken>();
        var current = new StringBuilder();
        int line = 1;
        int entryLine = 1;
        bool ownerOmitted = false;
        bool atLineStart = true;
        int parenDepth = 0;
        int parenLine = 0;
        int i = 0;

        void FlushToken(bool quoted = false)
        {
            if (current.Length > 0 || quoted)
            {
                if (tokens.Count == 0)
                    entryLine = line;
                tokens.Add(new ZoneToken(current.ToString(), quoted, line));
                current.Clear();
            }
        }

        void FlushEntry()
        {
            if (tokens.Count > 0)
                entries.Add(new ZoneEntry(entryLine, ownerOmitted, tokens.ToArray()));
            tokens.Clear();
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (atLineStart && parenDepth == 0)
            {
                // A record line that starts with blank space has no owner (RFC 1035 §5.1).
                ownerOmitted = c is ' ' or '\t';
                atLineStart = false;
            }
            switch (c)
            {
                case '\n':
                    FlushToken();
                    if (parenDepth == 0)
                    {
                        FlushEntry();
                        atLineStart = true;
                    }
                    line++;
                    i++;
                    break;
                case ' ' or '\t' or '\r':
                    FlushToken();
                    i++;
                    break;
                case ';':
                    FlushToken();
                    while (i < text.Length && text[i] != '\n')
                        i++;
                    break;
                case '(':
                    FlushToken();
                    if (parenDepth++ == 0)
                        parenLine = line;
                    i++;
                    break;
                case ')':
                    FlushToken();
                    if (parenDepth == 0)
                        error(line, "')' without a matching '('");
                    else
                        parenDepth--;
                    i++;
                    break;
                case '"':
                    FlushToken();
                    i++;
                    bool closed = false;
                    while (i < text.Length && text[i] != '\n')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] != '\n')
                        {
                            current.Append(text, i, 2);
                            i += 2;
                            continue;
                        }
                        if (text[i] == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }
                        current.Append(text[i++]);
                    }
                    if (!closed)
                        error(line, "quoted string is not closed before the end of the line");
                    FlushToken(quoted: true);
                    break;
                case '\\':
                    if (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        current.Append(text, i, 2);
                        i += 2;
                    }
                    else
                    {
                        error(line, "'\\' at the end of a line");
                        i++;
                    }
                    break;
                default:
                    current.Append(c);
                    i++;
                    break;
            }
        }
        FlushToken();
        if (parenDepth > 0)
            error(parenLine, "'(' is never closed");
        FlushEntry();
        return entries;
    }
}
