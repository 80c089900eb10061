using DnsLb.Zones.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Zones;

/// <summary>
/// Loads every <c>*.zone</c> file of the zones folder into a new <see cref="ZoneSet"/> and publishes it.
/// A file with any error is rejected whole (each error logged as <c>file:line: what</c>); the zone it held
/// keeps its last good version if it had one. Nothing half-loaded is ever served.
/// </summary>
internal sealed partial class ZoneLoader(IOptions<ZoneOptions> options, ZoneStore store, ILogger<ZoneLoader> logger)
{
    public string Directory => Path.GetFullPath(options.Value.ZonesDirectory);

    /// <summary>Loads all files; returns false when the folder itself is missing (the caller reports it).</summary>
    public bool LoadAll()
    {
        var directory = Directory;
        if (!System.IO.Directory.Exists(directory))
            return false;

        var previous = store.Current;
        var zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
        foreach (var path in System.IO.Directory.GetFiles(directory, "*.zone").Order(StringComparer.Ordinal))
        {
            var result = LoadFile(path);
            var zone = result.Zone;
            if (zone is null)
            {
                foreach (var error in result.Errors)
                    LogZoneError(logger, error);
                var origin = ZoneFileParser.OriginFromFileName(path);
                var kept = origin is null ? null : previous.Zones.FirstOrDefault(z => z.Origin.Equals(origin));
                LogZoneRejected(logger, path, result.Errors.Count, kept is null ? "it is not served" : $"serial {kept.Serial} stays in service");
                if (kept is not null)
                    zones[kept.OriginKey] = kept;
                continue;
            }
            if (zones.TryGetValue(zone.OriginKey, out var other))
            {
                LogDuplicateZone(logger, path, zone.Origin.ToString(), other.Source);
                continue;
            }
            zones[zone.OriginKey] = zone;
            LogZoneLoaded(logger, zone.Origin.ToString(), zone.RecordCount, zone.Serial, path);
        }
        if (zones.Count == 0)
            LogNoZones(logger, directory);
        store.Publish(new ZoneSet(zones.Values));
        return true;
    }

    internal static ZoneBuildResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return new ZoneBuildResult(null, [$"{path}:0: cannot read the file: {e.Message}"]);
        }
        catch (UnauthorizedAccessException e)
        {
            return new ZoneBuildResult(null, [$"{path}:0: cannot read the file: {e.Message}"]);
        }
        var parsed = ZoneFileParser.Parse(path, text, ZoneFileParser.OriginFromFileName(path));
        return ZoneBuilder.Build(parsed, path);
    }
}
