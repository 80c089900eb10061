namespace DnsLb.Zones;

/// <summary>
/// What one zone file gave when it was last read: the stamps and content hash of the files read for it,
/// the errors of that content (none when it loaded), and the zone the file serves: the one its content
/// built, or, while the content is broken, the last good one it built before.
/// </summary>
internal sealed record ZoneFileState(string Path, IReadOnlyList<ZoneFileStamp> Stamps, byte[] Hash, Zone? Serving, IReadOnlyList<string> Errors)
{
    public bool IsBroken => Errors.Count > 0;

    /// <summary>True when no file read for the zone can have changed since: every stamp matches and none is racy.</summary>
    public bool LooksUnchanged()
    {
        foreach (var stamp in Stamps)
        {
            if (stamp.IsRacy || !stamp.StillMatches())
                return false;
        }
        return true;
    }
}
