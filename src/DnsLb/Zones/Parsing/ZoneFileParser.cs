using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Reads one zone's master file (RFC 1035 §5.1), and the files it includes, into records: <c>$ORIGIN</c>,
/// <c>$TTL</c> (RFC 2308 §4), <c>$INCLUDE</c>, <c>@</c>, relative names, omitted owner/TTL/class, TTL and
/// class in either order. Every problem is collected as <c>file:line: what is wrong</c>; the caller serves
/// nothing from a zone that has any. One pass, no string per token or per owner: linear in the file's size.
/// The per-record methods are compiled optimized at once (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// a zone loads at start, when tiered compilation would run most of a large file in unoptimized code.
/// </summary>
internal sealed partial class ZoneFileParser
{
    /// <summary>Every file of the zones directory with this extension is a zone; included files have another.</summary>
    public const string ZoneFileExtension = ".zone";

    private static readonly FrozenDictionary<string, RecordClass>.AlternateLookup<ReadOnlySpan<char>> ClassNames =
        Enum.GetValues<RecordClass>().ToFrozenDictionary(c => c.ToString(), c => c, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly List<string> _files = [];
    private readonly List<ZoneError> _errors = [];
    private readonly List<ParsedRecord> _records = [];
    private readonly NameTable _names = new();
    private readonly string _includeRoot;
    private readonly ZoneFileReader? _reader;

    // Reused for every entry: the tokens of the entry, and the record data tokens as the RDATA parser takes them.
    private readonly List<TokenSpan> _tokens = [];
    private readonly List<ZoneToken> _rdata = [];

    private FileState _file;
    private DnsName? _apex;
    private int _order;

    private ZoneFileParser(string includeRoot, ZoneFileReader? reader)
    {
        _includeRoot = includeRoot;
        _reader = reader;
    }

    /// <summary>
    /// Parses <paramref name="text"/>, the content of <paramref name="fileName"/>. The zone's apex is the
    /// origin in effect at its first record: the <c>$ORIGIN</c> given before it, else
    /// <paramref name="defaultOrigin"/> (derived from the file name). <c>$INCLUDE</c> names files relative to
    /// <paramref name="includeRoot"/>, by default the zone file's own directory (the zones directory), and are
    /// read through <paramref name="reader"/> when one is given (a reload: it stamps and hashes what it reads).
    /// </summary>
    public static ZoneFileParseResult Parse(string fileName, string text, DnsName? defaultOrigin, string? includeRoot = null, ZoneFileReader? reader = null)
    {
        var root = includeRoot ?? Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".";
        var parser = new ZoneFileParser(root, reader);
        parser._files.Add(fileName);
        parser._file = new FileState(text, 0, defaultOrigin, null, null);
        parser._openFiles.Push((IncludePath.RealPath(Path.GetFullPath(fileName)) ?? fileName, fileName));
        parser.ReadFile(depth: 0);

        var apex = parser._apex ?? parser._file.Origin;
        if (apex is null && parser._errors.Count == 0)
            parser.AddError(1, "no origin: add '$ORIGIN example.com.' or name the file after the zone (example.com.zone)");
        return new ZoneFileParseResult(fileName, apex, parser._records, parser._names, parser._files, parser._errors);
    }

    /// <summary>The zone name a file name implies: <c>example.com.zone</c> → <c>example.com.</c></summary>
    public static DnsName? OriginFromFileName(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(ZoneFileExtension, StringComparison.OrdinalIgnoreCase))
            name = name[..^ZoneFileExtension.Length];
        if (name.Length == 0)
            return null;
        return DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out var origin, out _) ? origin : null;
    }

    internal static bool TryParseType(ReadOnlySpan<char> text, out RecordType type) => RecordTypeNames.TryParse(text, out type);

    /// <summary>A TTL: plain seconds read in place; BIND's unit form (<c>1h30m</c>, rarer) by <see cref="TextValues"/>.</summary>
    private static bool TryParseTtl(ReadOnlySpan<char> token, out uint seconds) =>
        uint.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || TextValues.TryParseTtl(token.ToString(), out seconds);

    /// <summary>A class mnemonic (RFC 1035 §5.1, any case) or RFC 3597 §5's <c>CLASSnnn</c>.</summary>
    private static bool TryParseClass(ReadOnlySpan<char> text, out ushort recordClass)
    {
        if (text.Length > 5 && text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase))
            return ushort.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out recordClass);
        bool known = ClassNames.TryGetValue(text, out var value);
        recordClass = (ushort)value;
        return known;
    }

    private void AddError(int line, string message) =>
        _errors.Add(new ZoneError(_order, $"{_files[_file.File]}:{line}: {message}"));

    /// <summary>Reads the current file's entries, one at a time, into records or directives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadFile(int depth)
    {
        var tokenizer = new ZoneTokenizer(_file.Text, AddError);
        while (true)
        {
            _order++;
            if (!tokenizer.TryReadEntry(_tokens, out var entry))
                break;
            if (!entry.OwnerOmitted && _tokens[0].IsDirective(_file.Text))
                ParseDirective(entry, depth);
            else
                ParseRecord(entry);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseRecord(ZoneEntry entry)
    {
        string text = _file.Text;
        var tokens = _tokens;
        int index = 0;
        if (!entry.OwnerOmitted)
        {
            if (!TryReadOwner(tokens[0]))
                return;
            index = 1;
        }
        else if (_file.LastOwner < 0)
        {
            AddError(entry.Line, "no owner name: the first record must name its owner");
            return;
        }
        _apex ??= _file.Origin;

        uint? ttl = null;
        bool classSeen = false;
        RecordType? type = null;
        while (index < tokens.Count && type is null)
        {
            var token = tokens[index].In(text);
            if (ttl is null && token.Length > 0 && char.IsAsciiDigit(token[0]))
            {
                if (!TryParseTtl(token, out uint value))
                {
                    AddError(entry.Line, $"bad TTL '{token}'");
                    return;
                }
                ttl = value;
            }
            else if (!classSeen && TryParseClass(token, out ushort recordClass))
            {
                if (recordClass != (ushort)RecordClass.IN)
                {
                    AddError(entry.Line, $"class {token} is not served; only IN");
                    return;
                }
                classSeen = true;
            }
            else if (RecordTypeNames.TryParse(token, out var parsedType))
            {
                type = parsedType;
            }
            else
            {
                AddError(entry.Line, $"unknown record type '{token}'");
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

        // RFC 2308 §4: $TTL is the default; without it, BIND's rule: the last TTL given on a record.
        if (ttl is uint explicitTtl)
            _file.LastTtl = explicitTtl;
        else
            ttl = _file.DefaultTtl ?? _file.LastTtl;
        if (ttl is null)
        {
            AddError(entry.Line, "no TTL: give one on the record or add '$TTL 3600' at the top of the file");
            return;
        }

        _rdata.Clear();
        for (int k = index; k < tokens.Count; k++)
            _rdata.Add(tokens[k].ToToken(text));
        if (!RDataTextParser.TryParse(recordType, _rdata, _file.Origin!, out var data, out var error))
        {
            AddError(entry.Line, error!);
            return;
        }
        _records.Add(new ParsedRecord(_file.LastOwner, ttl.Value, data!, new SourceLine(_file.File, entry.Line, _order)));
    }

    /// <summary>
    /// Makes the owner token the current owner. Consecutive records usually repeat their owner's spelling,
    /// and then nothing is parsed again; otherwise the name is parsed on the stack and looked up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadOwner(TokenSpan token)
    {
        string text = _file.Text;
        if (_file.LastOwnerToken is { } previous && previous.In(text).SequenceEqual(token.In(text)))
            return true;
        Span<byte> wire = stackalloc byte[WireName.MaxLength];
        if (!DnsName.TryParse(token.In(text), _file.Origin, wire, out int length, out var error))
        {
            AddError(token.Line, $"bad owner name: {error}");
            return false;
        }
        _file.LastOwner = _names.Intern(wire[..length]);
        _file.LastOwnerToken = token;
        return true;
    }

    private static bool IsMetaType(RecordType type) =>
        type is RecordType.OPT or RecordType.IXFR or RecordType.AXFR or RecordType.MAILA or RecordType.MAILB or RecordType.ANY
        || (ushort)type == 0 || ((ushort)type >= 128 && (ushort)type <= 255);

    /// <summary>
    /// What holds while one file is read; an included file starts from the including file's origin and TTLs
    /// with no owner yet, and the including file's state comes back whole after it (RFC 1035 §5.1).
    /// </summary>
    private struct FileState(string text, int file, DnsName? origin, uint? defaultTtl, uint? lastTtl)
    {
        public readonly string Text = text;
        public readonly int File = file;
        public DnsName? Origin = origin;
        public uint? DefaultTtl = defaultTtl;
        public uint? LastTtl = lastTtl;
        public int LastOwner = -1;

        /// <summary>The spelling of the last owner, valid until <c>$ORIGIN</c> changes what it means.</summary>
        public TokenSpan? LastOwnerToken;
    }
}

/// <summary>
/// What a zone's files held: its apex, its records, the names they own, the files read (the zone file
/// first), and every error found, in the order met (none when the zone is good).
/// </summary>
internal sealed class ZoneFileParseResult(string fileName, DnsName? apex, List<ParsedRecord> records, NameTable names,
    IReadOnlyList<string> files, List<ZoneError> errors)
{
    public string FileName { get; } = fileName;
    public DnsName? Apex { get; } = apex;
    public List<ParsedRecord> Records { get; } = records;
    public NameTable Names { get; } = names;
    public IReadOnlyList<string> Files { get; } = files;
    internal List<ZoneError> ErrorList { get; } = errors;
    public IReadOnlyList<string> Errors => [.. ErrorList.Select(e => e.Text)];
}
