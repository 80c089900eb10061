using System.Runtime.InteropServices;
using System.Text;

namespace DnsLb.Zones;

/// <summary>
/// Reads the files of one zone for the parser (the zone file, then every file it includes), stamping each
/// just before reading it and hashing what was read: afterwards <see cref="Stamps"/> tell a reload whether
/// any of them changed on disk, and <see cref="Hash"/> whether their content did. Stamping before reading
/// errs on the safe side: a write after the stamp changes the stamp, so the zone is read again.
/// </summary>
internal sealed class ZoneFileReader(TimeProvider time)
{
    private readonly List<ZoneFileStamp> _stamps = [];
    private ContentFingerprint _hash = new();

    /// <summary>Every file read or tried, in order; a missing include is stamped too, so creating it is a change.</summary>
    public IReadOnlyList<ZoneFileStamp> Stamps => _stamps;

    /// <summary>Reads <paramref name="path"/>; on failure <paramref name="error"/> says why ("no such file").</summary>
    public bool TryRead(string path, out string text, out string? error)
    {
        _stamps.Add(ZoneFileStamp.Take(path, time.GetUtcNow().UtcDateTime));
        bool read = TryReadText(path, out text, out error);
        _hash.Append(Encoding.UTF8.GetBytes(path));
        _hash.Append(read ? "\n"u8 : "\0"u8);
        _hash.Append(MemoryMarshal.AsBytes((read ? text : error!).AsSpan()));
        return read;
    }

    /// <summary>The fingerprint of every path and content read so far (<see cref="ContentFingerprint"/>); call once, after the parse.</summary>
    public byte[] Hash() => _hash.ToArray();

    /// <summary>Reads a file without stamping it (a zone parsed outside any reload: tests, benchmarks, check).</summary>
    public static bool TryReadText(string path, out string text, out string? error)
    {
        text = "";
        error = null;
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = "no such file";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {e.Message}";
        }
        return false;
    }

}
