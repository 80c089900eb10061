using System.Globalization;
using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Reads one RFC 1035 master file (§5.1) into records: <c>$ORIGIN</c>, <c>$TTL</c> (RFC 2308 §4), <c>@</c>,
/// relative names, omitted owner/TTL/class, TTL and class in either order. Every problem is collected as
/// <c>file:line: what is wrong</c>; the caller serves nothing from a file that has any.
/// </summary>
internal sealed class ZoneFileParser
{
    private readonly string _fileName;
    private readonly List<string> _errors = [];
    private readonly List<ParsedRecord> _records = [];
    private DnsName? _origin;
    private DnsName? _apex;
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private DnsName? _lastOwner;

    private ZoneFileParser(string fileName, DnsName? origin)
    {
        _fileName = fileName;
        _origin = origin;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. The apex is the first <c>$ORIGIN</c> given before any record, else
    /// <paramref name="defaultOrigin"/> (derived from the file name).
    /// </summary>
    public static ZoneFileParseResult Parse(string fileName, string text, DnsName? defaultOrigin)
    {
        var parser = new ZoneFileParser(fileName, defaultOrigin);
        var entries = ZoneTokenizer.Tokenize(text, parser.AddError);
        foreach (var entry in entries)
            parser.ParseEntry(entry);
        var apex = parser._apex ?? defaultOrigin;
        if (apex is null && parser._errors.Count == 0)
            parser.AddError(1, "no origin: add '$ORIGIN example.com.' or name the file after the zone (example.com.zone)");
        return new ZoneFileParseResult(fileName, apex, parser._records, parser._errors);
    }

    /// <summary>The zone name a file name implies: <c>example.com.zone</c> → <c>example.com.</c></summary>
    public static DnsName? OriginFromFileName(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".zone", StringComparison.OrdinalIgnoreCase))
            name = name[..^5];
        if (name.Length == 0)
            return null;
        return DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out var origin, out _) ? origin : null;
    }

    private void AddError(int line, string message) => _errors.Add($"{_fileName}:{line}: {message}");

    private void ParseEntry(ZoneEntry entry)
    {
        var tokens = entry.Tokens;
        if (!entry.OwnerOmitted && !tokens[0].Quoted && tokens[0].Text.StartsWith('$'))
        {
            ParseDirective(entry);
            return;
        }

        int index = 0;
        DnsName? owner;
        if (entry.OwnerOmitted)
        {
            owner = _lastOwner;
            if (owner is null)
            {
                AddError(entry.Line, "no owner name: the first record must name its owner");
                return;
            }
        }
        else
        {
            if (!DnsName.TryParse(tokens[0].Text, _origin, out owner, out var nameError))
            {
                AddError(entry.Line, $"bad owner name: {nameError}");
                return;
            }
            index = 1;
        }
        _lastOwner = owner;
        _apex ??= _origin;

        uint? ttl = null;
        bool classSeen = false;
        RecordType? type = null;
        while (index < tokens.Count && type is null)
        {
            string text = tokens[index].Text;
            if (ttl is null && text.Length > 0 && char.IsAsciiDigit(text[0]))
            {
                if (!TextValues.TryParseTtl(text, out uint value))
                {
                    AddError(entry.Line, $"bad TTL '{text}'");
                    return;
                }
                ttl = value;
            }
            else if (!classSeen && TryParseClass(text, out ushort recordClass))
            {
                if (recordClass != (ushort)RecordClass.IN)
                {
                    AddError(entry.Line, $"class {text} is not served; only IN");
                    return;
                }
                classSeen = true;
            }
            else if (TryParseType(text, out var parsedType))
            {
                type = parsedType;
            }
            else
            {
                AddError(entry.Line, $"unknown record type '{text}'");
                return;
            }
            index++;
        }
        if (type is not RecordType recordType)
        {
            AddError(entry.Line, "record has no type");
            return;
        }
        if (IsMetaType(recordType))
        {
            AddError(entry.Line, $"{ResourceRecord.TypeName(recordType)} is not a record type that can appear in a zone");
            return;
        }

        if (ttl is uint explicitTtl)
            _lastTtl = explicitTtl;
        else
            ttl = _defaultTtl ?? _lastTtl;
        if (ttl is null)
        {
            AddError(entry.Line, "no TTL: give one on the record or add '$TTL 3600' at the top of the file");
            return;
        }

        var rdataTokens = tokens.Skip(index).ToArray();
        if (!RDataTextParser.TryParse(recordType, rdataTokens, _origin!, out var data, out var error))
        {
            AddError(entry.Line, error!);
            return;
        }
        _records.Add(new ParsedRecord(entry.Line, owner!, ttl.Value, data!));
    }

    private void ParseDirective(ZoneEntry entry)
    {
        var tokens = entry.Tokens;
        string directive = tokens[0].Text.ToUpperInvariant();
        switch (directive)
        {
            case "$ORIGIN":
                if (tokens.Count != 2)
                {
                    AddError(entry.Line, "$ORIGIN takes exactly one name");
                    return;
                }
                if (!DnsName.TryParse(tokens[1].Text, _origin, out var origin, out var error))
                {
                    AddError(entry.Line, $"bad $ORIGIN: {error}");
                    return;
                }
                _origin = origin;
                // The first $ORIGIN before any record names the zone (it overrides the file name).
                if (_records.Count == 0 && _lastOwner is null)
                    _apex = origin;
                break;
            case "$TTL":
                if (tokens.Count != 2 || !TextValues.TryParseTtl(tokens[1].Text, out uint ttl))
                {
                    AddError(entry.Line, "$TTL takes one time value, such as 3600 or 1h");
                    return;
                }
                _defaultTtl = ttl;
                break;
            case "$INCLUDE" or "$GENERATE":
                AddError(entry.Line, $"{tokens[0].Text} is not supported: keep the whole zone in one file");
                break;
            default:
                AddError(entry.Line, $"unknown directive {tokens[0].Text}");
                break;
        }
    }

    private static bool TryParseClass(string text, out ushort recordClass)
    {
        recordClass = 0;
        if (text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase) && text.Length > 5)
            return ushort.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out recordClass);
        if (text.Length > 0 && char.IsAsciiLetter(text[0]) && Enum.TryParse<RecordClass>(text, ignoreCase: true, out var parsed))
        {
            recordClass = (ushort)parsed;
            return true;
        }
        return false;
    }

    internal static bool TryParseType(string text, out RecordType type) => RecordTypeNames.TryParse(text, out type);

    private static bool IsMetaType(RecordType type) =>
        type is RecordType.OPT or RecordType.IXFR or RecordType.AXFR or RecordType.MAILA or RecordType.MAILB or RecordType.ANY
        || (ushort)type == 0 || ((ushort)type >= 128 && (ushort)type <= 255);
}

/// <summary>What a master file held: its apex, its records, and every error found (empty when it is good).</summary>
internal sealed record ZoneFileParseResult(string FileName, DnsName? Apex, IReadOnlyList<ParsedRecord> Records, IReadOnlyList<string> Errors);
