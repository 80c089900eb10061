using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>The control entries of a master file (RFC 1035 §5.1): <c>$ORIGIN</c>, <c>$TTL</c>, <c>$INCLUDE</c>.</summary>
internal sealed partial class ZoneFileParser
{
    /// <summary>How deep includes may nest: far beyond any real zone, short of any stack limit.</summary>
    public const int MaxIncludeDepth = 16;

    /// <summary>The files being read, the zone file at the bottom: including one of them again would loop.</summary>
    private readonly Stack<(string Real, string Shown)> _openFiles = new();

    private void ParseDirective(ZoneEntry entry, int depth)
    {
        string text = _file.Text;
        var directive = _tokens[0].In(text);
        if (directive.Equals("$ORIGIN", StringComparison.OrdinalIgnoreCase))
            SetOrigin(entry);
        else if (directive.Equals("$TTL", StringComparison.OrdinalIgnoreCase))
            SetDefaultTtl(entry);
        else if (directive.Equals("$INCLUDE", StringComparison.OrdinalIgnoreCase))
            Include(entry, depth);
        else if (directive.Equals("$GENERATE", StringComparison.OrdinalIgnoreCase))
            AddError(entry.Line, "$GENERATE is not supported (a BIND extension, not RFC 1035): write the records it would make");
        else
            AddError(entry.Line, $"unknown directive {directive}");
    }

    private void SetOrigin(ZoneEntry entry)
    {
        if (_tokens.Count != 2)
        {
            AddError(entry.Line, "$ORIGIN takes exactly one name");
            return;
        }
        if (!TryParseName(_tokens[1], out var origin, out var error))
        {
            AddError(entry.Line, $"bad $ORIGIN: {error}");
            return;
        }
        _file.Origin = origin;
        _file.LastOwnerToken = null; // the same spelling may now name another owner
    }

    private void SetDefaultTtl(ZoneEntry entry)
    {
        if (_tokens.Count != 2 || !TryParseTtl(_tokens[1].In(_file.Text), out uint ttl))
        {
            AddError(entry.Line, "$TTL takes one time value, such as 3600 or 1h");
            return;
        }
        _file.DefaultTtl = ttl;
    }

    /// <summary>
    /// <c>$INCLUDE file [origin]</c> (RFC 1035 §5.1): reads the file, relative to the zones directory and
    /// never outside it, as if its entries stood here, with the given origin (else the current one). What it
    /// changes (origin, <c>$TTL</c>, the current owner) ends with it, as in BIND and Knot.
    /// </summary>
    private void Include(ZoneEntry entry, int depth)
    {
        if (_tokens.Count is < 2 or > 3)
        {
            AddError(entry.Line, "$INCLUDE takes a file name and, optionally, an origin");
            return;
        }
        string name = _tokens[1].ToToken(_file.Text).Text;
        if (name.Contains('\\'))
        {
            // Escapes in a path would mean one thing to DnsLb and another to the next reader: quote blanks instead.
            AddError(entry.Line, $"$INCLUDE {name}: a file name cannot hold '\\'; quote a name that has blanks");
            return;
        }
        var origin = _file.Origin;
        if (_tokens.Count == 3 && !TryParseName(_tokens[2], out origin, out var originError))
        {
            AddError(entry.Line, $"bad $INCLUDE origin: {originError}");
            return;
        }
        if (!IncludePath.TryResolve(_includeRoot, name, out var shown, out var real, out var pathError))
        {
            AddError(entry.Line, pathError!);
            return;
        }
        if (_openFiles.Any(open => open.Real == real))
        {
            var chain = _openFiles.Reverse().Select(open => Path.GetFileName(open.Shown)).Append(Path.GetFileName(shown));
            AddError(entry.Line, $"$INCLUDE {name} makes a loop: {string.Join(" includes ", chain)}");
            return;
        }
        if (depth >= MaxIncludeDepth)
        {
            AddError(entry.Line, $"$INCLUDE {name}: includes nest more than {MaxIncludeDepth} deep");
            return;
        }
        string included;
        string? readError;
        if (_reader is null ? !ZoneFileReader.TryReadText(real, out included, out readError) : !_reader.TryRead(real, out included, out readError))
        {
            AddError(entry.Line, $"$INCLUDE {name}: {readError}");
            return;
        }

        var including = _file;
        _files.Add(shown);
        _file = new FileState(included, _files.Count - 1, origin, including.DefaultTtl, including.LastTtl);
        _openFiles.Push((real, shown));
        ReadFile(depth + 1);
        _openFiles.Pop();
        _file = including;
    }

    private bool TryParseName(TokenSpan token, out DnsName? name, out string? error)
    {
        name = null;
        Span<byte> wire = stackalloc byte[WireName.MaxLength];
        if (!DnsName.TryParse(token.In(_file.Text), _file.Origin, wire, out int length, out error))
            return false;
        name = DnsName.FromWire(wire[..length]);
        return true;
    }
}
