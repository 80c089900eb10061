using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Serving;

/// <summary>
/// What became of every zone file's loads since start, for the status page and the metrics: when its
/// content last loaded, the latest error while it is broken, and how many loads and failures. The
/// reloader records each load (one at a time); readers get an immutable picture.
/// </summary>
internal sealed class ZoneHistory
{
    private volatile IReadOnlyDictionary<string, ZoneFileHistory> _files = new Dictionary<string, ZoneFileHistory>();

    /// <summary>Every zone file of the latest load, by path.</summary>
    public IReadOnlyDictionary<string, ZoneFileHistory> Files => _files;

    /// <summary>
    /// Notes what a load did to each file: a file whose zone changed loaded, a file whose errors changed
    /// failed, any other was not read again or gave what it gave before. Files that are gone are forgotten.
    /// </summary>
    public void Record(IReadOnlyList<ZoneFileState> before, IReadOnlyList<ZoneFileState> after, DateTimeOffset now)
    {
        var previous = before.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var known = _files;
        var next = new Dictionary<string, ZoneFileHistory>(StringComparer.Ordinal);
        foreach (var file in after)
        {
            var old = previous.GetValueOrDefault(file.Path);
            var history = known.GetValueOrDefault(file.Path)
                ?? new ZoneFileHistory(file.Path, ZoneOf(file), null, null, null, 0, 0);
            if (file.IsBroken && !ReferenceEquals(file.Errors, old?.Errors))
            {
                string error = file.Errors.Count == 1 ? file.Errors[0] : $"{file.Errors[0]} (and {file.Errors.Count - 1} more)";
                history = history with { LastError = error, LastErrorAt = now, Failures = history.Failures + 1 };
            }
            else if (!file.IsBroken && file.Serving is not null && !ReferenceEquals(file.Serving, old?.Serving))
            {
                history = history with { Zone = ZoneOf(file), LastReload = now, LastError = null, LastErrorAt = null, Reloads = history.Reloads + 1 };
            }
            next[file.Path] = history;
        }
        _files = next;
    }

    private static string ZoneOf(ZoneFileState file) =>
        file.Serving?.Origin.ToString() ?? ZoneFileParser.OriginFromFileName(file.Path)?.ToString() ?? Path.GetFileName(file.Path);
}
