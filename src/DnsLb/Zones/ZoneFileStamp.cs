namespace DnsLb.Zones;

/// <summary>
/// One file a zone was read from, as it was on disk just before it was read: whether it existed, its length
/// and its last write time. A reload compares stamps to tell whether a zone must be read again. A stamp taken
/// less than <see cref="RacyWindow"/> after the file's last write is "racy" (git's word for it): file times
/// come from a coarse clock, so a second write in the same tick, of the same length, would leave the stamp
/// as it is; a racy stamp is therefore never trusted, and the zone is read again and its content compared.
/// </summary>
internal readonly record struct ZoneFileStamp(string Path, bool Exists, long Length, DateTime LastWriteUtc, DateTime ReadUtc)
{
    /// <summary>How long after a write a stamp is not trusted; far above any file system's time granularity.</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(1);

    /// <summary>Stamps <paramref name="path"/> as it is now; <paramref name="nowUtc"/> is the time of the read that follows.</summary>
    public static ZoneFileStamp Take(string path, DateTime nowUtc)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists
                ? new ZoneFileStamp(path, true, info.Length, info.LastWriteTimeUtc, nowUtc)
                : new ZoneFileStamp(path, false, -1, default, nowUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable metadata: a stamp that matches nothing, so the file is read (and its error reported) again.
            return new ZoneFileStamp(path, false, -2, default, nowUtc);
        }
    }

    /// <summary>Taken so soon after the file's last write that another write could have kept its time.</summary>
    public bool IsRacy => Exists && ReadUtc - LastWriteUtc < RacyWindow;

    /// <summary>Whether the file still exists (or not) with the same length and write time.</summary>
    public bool StillMatches()
    {
        var now = Take(Path, ReadUtc);
        return now.Exists == Exists && now.Length == Length && now.LastWriteUtc == LastWriteUtc;
    }
}
