using System.Text;
using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// The last transferred copy of each secondary zone, one standard zone file per zone in a folder of its own
/// (<c>Secondary:Directory</c>), so a restart without the primary still serves. A copy is written whole
/// beside the old one and renamed over it: a crash leaves the old file or the new one, never half of one.
/// The file's modification time is the last contact with a primary (the expire timer counts from it),
/// renewed by <see cref="Touch"/> whenever a primary confirms the copy is current.
/// </summary>
internal sealed class SavedZones(string directory)
{
    public const string Extension = ".zone";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>
    /// The file of <paramref name="origin"/>: its name without the final dot (<c>example.com.zone</c>; the root
    /// is <c>root.zone</c>). Characters that do not belong in a file name are written as <c>%xx</c>.
    /// </summary>
    public string PathOf(DnsName origin)
    {
        var name = origin.IsRoot ? "root" : origin.ToString().TrimEnd('.').ToLowerInvariant();
        var file = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && file.Length > 0))
                file.Append(c);
            else
                file.Append('%').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return Path.Combine(Directory, file + Extension);
    }

    /// <summary>Writes the copy atomically (temporary file, flushed to disk, renamed over the old one).</summary>
    public async Task SaveAsync(Zone zone, string comment, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(zone.Origin);
        var temporary = Path.Combine(Directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(ZoneFileWriter.Write(zone, comment)), cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Loads the saved copy of <paramref name="origin"/> with the zone loader's checks; null when there is
    /// none. A copy that does not load, or holds another zone, is reported in <paramref name="errors"/>.
    /// </summary>
    public Zone? Load(DnsName origin, out IReadOnlyList<string> errors, out DateTimeOffset savedAt)
    {
        var path = PathOf(origin);
        savedAt = default;
        errors = [];
        if (!File.Exists(path))
            return null;
        savedAt = File.GetLastWriteTimeUtc(path);
        var result = ZoneLoader.LoadFile(path);
        if (result.Zone is { } zone && !zone.Origin.Equals(origin))
        {
            errors = [$"{path}: holds {zone.Origin}, not {origin}"];
            return null;
        }
        errors = result.Errors;
        return result.Zone;
    }

    /// <summary>Records contact with a primary that confirmed the copy is current: the file's time moves to <paramref name="now"/>.</summary>
    public void Touch(DnsName origin, DateTimeOffset now)
    {
        var path = PathOf(origin);
        if (File.Exists(path))
            File.SetLastWriteTimeUtc(path, now.UtcDateTime);
    }
}
