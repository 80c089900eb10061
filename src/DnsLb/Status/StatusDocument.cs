namespace DnsLb.Status;

/// <summary>The body of <c>GET /api/status</c>: the snapshot, when it was read, and whether drain needs a token.</summary>
/// <param name="At">When the snapshot was read (the page measures "since" from it, whatever the browser's clock).</param>
/// <param name="DrainRequiresToken">POST requests need <c>Authorization: Bearer &lt;token&gt;</c>.</param>
public sealed record StatusDocument(DateTimeOffset At, bool DrainRequiresToken, IReadOnlyList<ZoneStatus> Zones, IReadOnlyList<PoolStatus> Pools);
