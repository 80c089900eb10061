namespace DnsLb.Status;

/// <summary>Everything the status page shows, read at one moment.</summary>
/// <param name="Zones">Every zone served or tried, by name.</param>
/// <param name="Pools">Every configured pool, by name.</param>
public sealed record StatusSnapshot(IReadOnlyList<ZoneStatus> Zones, IReadOnlyList<PoolStatus> Pools)
{
    public static readonly StatusSnapshot Empty = new([], []);
}
