using DnsLb.Protocol;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Check;

/// <summary>
/// Loads every zone file of the zones directory as the server would (same parser, same checks, same rule
/// for two files that hold one zone), reporting each error as the server logs it, <c>file:line: what</c>.
/// Keeps what each good file parsed to, so the pool checks can point at the lines of a pool's records.
/// </summary>
internal sealed class ZoneChecks
{
    private readonly Dictionary<string, ZoneFileParseResult> _parses = new(StringComparer.Ordinal);
    private readonly List<DnsName> _rejected = [];

    public ZoneSet Zones { get; private set; } = ZoneSet.Empty;

    /// <summary>The parse of the file a zone came from.</summary>
    public ZoneFileParseResult ParseOf(Zone zone) => _parses[zone.Source];

    /// <summary>Whether <paramref name="name"/> would be in a zone whose file has errors (its problems are reported already).</summary>
    public bool InRejectedZone(DnsName name) => _rejected.Any(name.IsAtOrBelow);

    public void Run(string directory, CheckReport report)
    {
        var shown = Shown(directory);
        if (!Directory.Exists(directory))
        {
            report.Error($"{shown}: the zones directory does not exist; set Dns:ZonesDirectory (e.g. --Dns:ZonesDirectory=/etc/dnslb/zones)");
            return;
        }
        var files = Directory.GetFiles(directory, "*" + ZoneFileParser.ZoneFileExtension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            report.Error($"{shown}: no *{ZoneFileParser.ZoneFileExtension} file: no zone would be served");
            return;
        }
        var zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
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
            zones[zone.OriginKey] = zone;
            _parses[file] = parse!;
            report.Fine($"{file}: zone {zone.Origin} serial {zone.Serial}, {zone.RecordCount} records: OK");
        }
        Zones = new ZoneSet(zones.Values);
    }

    /// <summary>A path as the operator would type it: relative to the working directory when it is below it.</summary>
    private static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
