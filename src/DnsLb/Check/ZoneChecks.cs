using DnsLb.Protocol;
using DnsLb.Transfer.Secondary;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Check;

/// <summary>
/// Loads every zone file of the zones directory as the server would (same parser, same checks, same rule
/// for two files that hold one zone), reporting each error as the server logs it, <c>file:line: what</c>.
/// Keeps what each good file parsed to, so the pool checks can point at the lines of a pool's records.
/// Secondary zones (<c>Secondary:Zones</c>) are served from their saved copies until a primary answers: those
/// are loaded too; a zone also in a file is an error (the server would not start), and a server with
/// secondary zones needs no zone file.
/// </summary>
internal sealed class ZoneChecks
{
    private readonly Dictionary<string, ZoneFileParseResult> _parses = new(StringComparer.Ordinal);
    private readonly List<DnsName> _rejected = [];
    private IReadOnlyList<SecondaryZone> _secondaries = [];

    public ZoneSet Zones { get; private set; } = ZoneSet.Empty;

    /// <summary>The parse of the file a zone came from; null for a secondary zone's saved copy.</summary>
    public ZoneFileParseResult? ParseOf(Zone zone) => _parses.GetValueOrDefault(zone.Source);

    /// <summary>Whether <paramref name="name"/> would be in a zone whose file has errors (its problems are reported already).</summary>
    public bool InRejectedZone(DnsName name) => _rejected.Any(name.IsAtOrBelow);

    /// <summary>Whether <paramref name="name"/> is in a secondary zone: what it holds is known only once transferred.</summary>
    public bool InSecondaryZone(DnsName name) => _secondaries.Any(z => name.IsAtOrBelow(z.Origin));

    public void Run(string directory, CheckReport report, IReadOnlyList<SecondaryZone> secondaries, SavedZones? saved)
    {
        _secondaries = secondaries;
        var zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
        LoadFiles(directory, report, zones);
        if (saved is not null)
            LoadSavedCopies(report, saved, zones);
        Zones = new ZoneSet(zones.Values);
    }

    private void LoadFiles(string directory, CheckReport report, Dictionary<byte[], Zone> zones)
    {
        var shown = Shown(directory);
        if (!Directory.Exists(directory))
        {
            if (_secondaries.Count == 0)
                report.Error($"{shown}: the zones directory does not exist; set Dns:ZonesDirectory (e.g. --Dns:ZonesDirectory=/etc/dnslb/zones)");
            return;
        }
        var files = Directory.GetFiles(directory, "*" + ZoneFileParser.ZoneFileExtension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            if (_secondaries.Count == 0)
                report.Error($"{shown}: no *{ZoneFileParser.ZoneFileExtension} file: no zone would be served");
            return;
        }
        foreach (var file in files.Select(Shown))
        {
            var (parse, build) = ZoneLoader.Read(file, reader: null);
            if (build.Zone is not { } zone)
            {
                foreach (var error in build.Errors)
                    report.Error(error);
                if (parse?.Apex is { } apex)
                    _rejected.Add(apex);
                continue;
            }
            if (zones.TryGetValue(zone.OriginKey, out var other))
            {
                report.Error($"{file}:1: zone {zone.Origin} is also in {other.Source}, which comes first; this file would be ignored");
                continue;
            }
            if (_secondaries.Any(z => z.Origin.Equals(zone.Origin)))
            {
                report.Error($"{file}:1: zone {zone.Origin} is also in Secondary:Zones; DnsLb would not start (remove the file, or the Secondary:Zones entry)");
                continue;
            }
            zones[zone.OriginKey] = zone;
            _parses[file] = parse!;
            report.Fine($"{file}: zone {zone.Origin} serial {zone.Serial}, {zone.RecordCount} records: OK");
        }
    }

    /// <summary>Each secondary zone's saved copy, as served at start until a primary answers; a broken one is a warning (it is transferred again).</summary>
    private void LoadSavedCopies(CheckReport report, SavedZones saved, Dictionary<byte[], Zone> zones)
    {
        foreach (var secondary in _secondaries)
        {
            var primaries = string.Join(", ", secondary.Primaries);
            var copy = saved.Load(secondary.Origin, out var errors, out _);
            if (copy is not null && !zones.ContainsKey(copy.OriginKey))
            {
                zones[copy.OriginKey] = copy;
                report.Fine($"{Shown(saved.PathOf(secondary.Origin))}: secondary zone {secondary.Origin} serial {copy.Serial}, {copy.RecordCount} records, from {primaries}: OK");
            }
            else if (errors.Count > 0)
            {
                report.Warning(Shown(saved.PathOf(secondary.Origin)),
                    $"the saved copy of secondary zone {secondary.Origin} does not load ({errors[0]}); it is transferred again from {primaries} at start");
            }
            else if (copy is null)
            {
                report.Fine($"secondary zone {secondary.Origin}: no saved copy yet; transferred from {primaries} at start");
            }
        }
    }

    /// <summary>A path as the operator would type it: relative to the working directory when it is below it.</summary>
    private static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
