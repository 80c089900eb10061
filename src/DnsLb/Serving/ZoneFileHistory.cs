namespace DnsLb.Serving;

/// <summary>How the loads of one zone file went since start (see <see cref="ZoneHistory"/>).</summary>
/// <param name="Path">The zone file.</param>
/// <param name="Zone">The zone it serves, or the zone its name says when it never loaded (<c>example.com.</c>).</param>
/// <param name="LastReload">When its content last loaded (the version it serves); null when it never did.</param>
/// <param name="LastError">Why the latest read failed (<c>file:line: what is wrong</c>); null when the latest read loaded.</param>
/// <param name="LastErrorAt">When that read failed; null with <paramref name="LastError"/>.</param>
/// <param name="Reloads">Successful loads, the first included.</param>
/// <param name="Failures">Reads that failed.</param>
internal sealed record ZoneFileHistory(
    string Path, string Zone, DateTimeOffset? LastReload, string? LastError, DateTimeOffset? LastErrorAt, long Reloads, long Failures);
