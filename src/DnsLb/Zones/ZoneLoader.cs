using DnsLb.Zones.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Zones;

/// <summary>
/// Loads every <c>*.zone</c> file of the zones folder into a new <see cref="ZoneSet"/> and publishes it.
/// Each such file is one zone; files with other names are read only when a zone includes them. A file with
/// any error is rejected whole (each error logged as <c>file:line: what</c>) and the zone that file last
/// loaded keeps serving, whatever its origin: the file name need not name the zone. Nothing half-loaded is
/// ever served, and one file's bad edit never touches another file's zone.
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

        // What each file served until now, found by the file (Zone.Source), not by a name derived from it.
        var lastGood = new Dictionary<string, Zone>(StringComparer.Ordinal);
        foreach (var zone in store.Current.Zones)
            lastGood[zone.Source] = zone;

        var zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
        var kept = new List<Zone>();
        foreach (var path in System.IO.Directory.GetFiles(directory, "*" + ZoneFileParser.ZoneFileExtension).Order(StringComparer.Ordinal))
        {
            var result = LoadFile(path);
            if (result.Zone is { } zone)
            {
                if (zones.TryGetValue(zone.OriginKey, out var other))
                {
                    LogDuplicateZone(logger, path, zone.Origin.ToString(), other.Source);
                    continue;
                }
                zones[zone.OriginKey] = zone;
                LogZoneLoaded(logger, zone.Origin.ToString(), zone.RecordCount, zone.Serial, path);
                continue;
            }
            foreach (var error in result.Errors)
                LogZoneError(logger, error);
            if (lastGood.TryGetValue(path, out var previous))
            {
                kept.Add(previous);
                LogZoneKept(logger, path, result.Errors.Count, previous.Origin.ToString(), previous.Serial);
            }
            else
            {
                LogZoneRejected(logger, path, result.Errors.Count);
            }
        }

        // A zone kept from a broken file gives way to a good file that now holds the same origin.
        foreach (var previous in kept)
        {
            if (!zones.TryAdd(previous.OriginKey, previous))
                LogKeptZoneDropped(logger, previous.Origin.ToString(), previous.Source, zones[previous.OriginKey].Source);
        }
        if (zones.Count == 0)
            LogNoZones(logger, directory);
        store.Publish(new ZoneSet(zones.Values));
        return true;
    }

    /// <summary>Reads, parses and builds one zone file (with the files it includes, from its folder).</summary>
    internal static ZoneBuildResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ZoneBuildResult(null, [$"{path}:0: cannot read the file: {e.Message}"]);
        }
        var parsed = ZoneFileParser.Parse(path, text, ZoneFileParser.OriginFromFileName(path));
        return ZoneBuilder.Build(parsed, path);
    }
}
