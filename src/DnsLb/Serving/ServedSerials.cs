using System.Globalization;
using System.Text;
using DnsLb.Protocol;
using DnsLb.Transfer;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>
/// The last serial served of each zone, per transfer mode, kept in a small file (one line per zone and
/// mode: <c>example.com. Healthy 2026112107</c>), so that a restarted primary never serves a serial below one
/// it served before (RFC 1982): a secondary holding the higher one would take nothing from it until the
/// serial passed it again, and a <c>Members=Healthy</c> secondary would go on serving a dead node. Read once,
/// at the first version of each zone; written (to a temporary file renamed over the old one) whenever a
/// served serial changes. A file that cannot be written is logged once, and serving goes on. Without a file
/// (no secondary is listed) the serials are still remembered for the rest of the run.
/// </summary>
internal sealed partial class ServedSerials(string? path, ILogger<ServedSerials> logger)
{
    /// <summary>The file's name in <c>Secondary:Directory</c>.</summary>
    public const string FileName = "served-serials";

    private Dictionary<(DnsName, TransferMembers), uint>? _known;
    private string _written = "";
    private bool _failing;

    /// <summary>Null when nothing is kept (no secondary is listed, so nobody compares our serials across restarts).</summary>
    public string? Path => path;

    /// <summary>The last serial served of <paramref name="origin"/> to secondaries of <paramref name="members"/>, in this run or the last, if known.</summary>
    public uint? Last(DnsName origin, TransferMembers members) =>
        Known().TryGetValue((origin, members), out uint serial) ? serial : null;

    /// <summary>
    /// Remembers the serials <paramref name="served"/> holds (a zone that goes and comes back in this run
    /// starts above them too) and writes every serial known, when that changes the file.
    /// </summary>
    public void Save(ServedZones served)
    {
        var known = Known();
        foreach (var zone in served.Zones)
        {
            known[(zone.All.Zone.Origin, TransferMembers.All)] = zone.All.Serial;
            if (zone.Healthy is { } healthy)
                known[(zone.All.Zone.Origin, TransferMembers.Healthy)] = healthy.Serial;
        }
        if (path is null)
            return;
        var text = new StringBuilder();
        foreach (var ((origin, members), serial) in known.OrderBy(k => k.Key.Item1.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(k => k.Key.Item2))
            text.Append(CultureInfo.InvariantCulture, $"{origin} {members} {serial}\n");
        var content = text.ToString();
        if (content == _written)
            return;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, content);
            File.Move(temporary, path, overwrite: true);
            _written = content;
            _failing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
                LogCannotWrite(logger, path, e.Message);
            _failing = true;
        }
    }

    private Dictionary<(DnsName, TransferMembers), uint> Known()
    {
        if (_known is not null)
            return _known;
        _known = [];
        if (path is null || !File.Exists(path))
            return _known;
        try
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 3 && DnsName.TryParse(fields[0], null, out var origin, out _)
                    && Enum.TryParse<TransferMembers>(fields[1], out var members) && Enum.IsDefined(members)
                    && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint serial))
                {
                    _known[(origin!, members)] = serial;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCannotRead(logger, path, e.Message);
        }
        return _known;
    }
}
