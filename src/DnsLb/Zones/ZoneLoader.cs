using DnsLb.Zones.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Zones;

/// <summary>
/// Loads every <c>*.zone</c> file of the zones folder into a <see cref="ZoneSet"/>, at start and on every
/// reload. Each such file is one zone; files with other names are read only when a zone includes them.
/// A reload reads again only the files that changed (by their stamps, see <see cref="ZoneFileStamp"/>, or
/// every file when forced) and keeps the <see cref="Zone"/> of the others as it is; content that is the same
/// as before (a file touched, or rewritten unchanged) keeps its zone too. A file with any error is rejected
/// whole (each error logged as <c>file:line: what</c>) and the zone that file last loaded keeps serving,
/// whatever its origin: the file name need not name the zone. Nothing half-loaded is ever served, one file's
/// bad edit never touches another file's zone, and a file that is gone takes its zone with it.
/// Not thread-safe: the reloader calls it one load at a time.
/// </summary>
internal sealed partial class ZoneLoader(IOptions<ZoneOptions> options, TimeProvider time, ILogger<ZoneLoader> logger)
{
    // Every zone file seen at the last load, by path, in path order.
    private List<ZoneFileState> _files = [];
    private ZoneSet _set = ZoneSet.Empty;
    private bool _directoryMissing;

    public string Directory => Path.GetFullPath(options.Value.ZonesDirectory);

    /// <summary>Every zone file seen at the last load, in path order: what each serves and its errors (a new list after each load; a list once given out never changes).</summary>
    public IReadOnlyList<ZoneFileState> Files => _files;

    /// <summary>The zone files whose content has errors, as of the last load (each may still serve its last good zone).</summary>
    public IReadOnlyList<string> RejectedFiles => [.. _files.Where(f => f.IsBroken).Select(f => f.Path)];

    /// <summary>
    /// Loads what changed since the last load (everything when <paramref name="force"/>) and returns the zones
    /// to serve: the same <see cref="ZoneSet"/> object as last time when nothing changed. Null when the folder
    /// itself is missing or unreadable; the zones loaded before stay as they are.
    /// </summary>
    public ZoneSet? Load(bool force)
    {
        var directory = Directory;
        string[] paths;
        try
        {
            paths = System.IO.Directory.GetFiles(directory, "*" + ZoneFileParser.ZoneFileExtension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_directoryMissing && _files.Count > 0)
                LogDirectoryMissing(logger, directory, e.Message);
            _directoryMissing = true;
            return null;
        }
        _directoryMissing = false;
        Array.Sort(paths, StringComparer.Ordinal);

        var previous = _files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var next = new List<ZoneFileState>(paths.Length);
        bool changed = paths.Length != _files.Count;
        foreach (var path in paths)
        {
            if (previous.Remove(path, out var before) && !force && before.LooksUnchanged())
            {
                next.Add(before);
                continue;
            }
            var state = ReadFile(path, before);
            changed |= before is null || !ReferenceEquals(state.Serving, before.Serving) || state.IsBroken != before.IsBroken;
            next.Add(state);
        }
        foreach (var gone in previous.Values)
        {
            changed = true;
            if (gone.Serving is { } zone)
                LogZoneFileGone(logger, gone.Path, zone.Origin.ToString(), zone.Serial);
        }
        _files = next;
        if (changed)
            _set = Assemble(next);
        return _set;
    }

    /// <summary>
    /// The zones the files serve. A good file's zone comes first (in path order: a second file with the same
    /// origin is ignored); a zone kept from a broken file gives way to a good file that now holds its origin.
    /// </summary>
    private ZoneSet Assemble(List<ZoneFileState> files)
    {
        var zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
        var kept = new List<Zone>();
        foreach (var file in files)
        {
            if (file.Serving is not { } zone)
                continue;
            if (file.IsBroken)
                kept.Add(zone);
            else if (zones.TryGetValue(zone.OriginKey, out var other))
                LogDuplicateZone(logger, file.Path, zone.Origin.ToString(), other.Source);
            else
                zones[zone.OriginKey] = zone;
        }
        foreach (var zone in kept)
        {
            if (!zones.TryAdd(zone.OriginKey, zone))
                LogKeptZoneDropped(logger, zone.Origin.ToString(), zone.Source, zones[zone.OriginKey].Source);
        }
        return new ZoneSet(zones.Values);
    }

    /// <summary>Reads one file and logs what became of it; content the same as before keeps the state it had.</summary>
    private ZoneFileState ReadFile(string path, ZoneFileState? before)
    {
        var reader = new ZoneFileReader(time);
        var result = Read(path, reader).Build;
        var hash = reader.Hash();
        ZoneFileStamp[] stamps = [.. reader.Stamps];
        if (before is not null && before.Hash.AsSpan().SequenceEqual(hash))
            return before with { Stamps = stamps };

        var previous = before?.Serving;
        if (result.Zone is { } zone)
        {
            if (previous is null)
                LogZoneLoaded(logger, zone.Origin.ToString(), zone.RecordCount, zone.Serial, path);
            else
                Reloaded(zone, previous, path);
            return new ZoneFileState(path, stamps, hash, zone, []);
        }
        foreach (var error in result.Errors)
            LogZoneError(logger, error);
        if (previous is not null)
            LogZoneKept(logger, path, result.Errors.Count, previous.Origin.ToString(), previous.Serial);
        else
            LogZoneRejected(logger, path, result.Errors.Count);
        return new ZoneFileState(path, stamps, hash, previous, result.Errors);
    }

    /// <summary>A file that served a zone now serves a new version: say so, and warn when the serial does not tell.</summary>
    private void Reloaded(Zone zone, Zone previous, string path)
    {
        LogZoneReloaded(logger, zone.Origin.ToString(), zone.RecordCount, zone.Serial, previous.Serial, path);
        if (!zone.Origin.Equals(previous.Origin))
            return;
        // RFC 1982: serials compare in a 32-bit circle; a secondary only transfers a zone whose serial grew.
        int step = unchecked((int)(zone.Serial - previous.Serial));
        if (step == 0)
            LogSerialUnchanged(logger, zone.Origin.ToString(), zone.Serial, path);
        else if (step < 0)
            LogSerialBackwards(logger, zone.Origin.ToString(), previous.Serial, zone.Serial, path);
    }

    /// <summary>Reads, parses and builds one zone file (with the files it includes, from its folder).</summary>
    internal static ZoneBuildResult LoadFile(string path) => Read(path, reader: null).Build;

    /// <summary>
    /// Reads one zone file and the files it includes (through <paramref name="reader"/> when given), parses and
    /// builds it. The parse is null when the zone file itself could not be read.
    /// </summary>
    internal static (ZoneFileParseResult? Parse, ZoneBuildResult Build) Read(string path, ZoneFileReader? reader)
    {
        string text;
        string? error;
        bool read = reader is null ? ZoneFileReader.TryReadText(path, out text, out error) : reader.TryRead(path, out text, out error);
        if (!read)
            return (null, new ZoneBuildResult(null, [$"{path}:0: {error}"]));
        var parsed = ZoneFileParser.Parse(path, text, ZoneFileParser.OriginFromFileName(path), reader: reader);
        return (parsed, ZoneBuilder.Build(parsed, path));
    }
}
