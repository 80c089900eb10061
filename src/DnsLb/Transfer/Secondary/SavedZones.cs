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
    /// The file of <paramref name="origin"/>: its labels, lowercased, joined by dots (<c>example.com.zone</c>;
    /// the root is <c>root.zone</c>). A byte other than a letter, digit, '-' or '_' is written <c>%xx</c>, so
    /// no zone name can reach outside the folder or collide with another.
    /// </summary>
    public string PathOf(DnsName origin)
    {
        if (origin.IsRoot)
            return Path.Combine(Directory, "root" + Extension);
        var file = new StringBuilder();
        var wire = origin.LowerWire;
        for (int position = 0; wire[position] != 0; position += wire[position] + 1)
        {
            if (position > 0)
                file.Append('.');
            foreach (byte b in wire.Slice(position + 1, wire[position]))
            {
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_')
                    file.Append((char)b);
                else
                    file.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
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
