namespace DnsLb.Transfer.Serving;

/// <summary>
/// How much of a zone's past <see cref="ZoneHistory"/> keeps for IXFR: at most <see cref="MaxVersions"/>
/// steps and <see cref="MaxRecords"/> records in them, the oldest dropped first. A secondary further behind
/// gets the whole zone (RFC 1995 §4).
/// </summary>
public readonly record struct HistoryLimits(int MaxVersions, int MaxRecords)
{
    /// <summary>20 versions, 100000 records.</summary>
    public static readonly HistoryLimits Default = new(20, 100_000);
}
