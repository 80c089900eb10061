namespace DnsLb.Status;

/// <summary>One zone as served, and how its latest reloads went.</summary>
/// <param name="Name">The zone's origin, with its final dot ("example.com.").</param>
/// <param name="Serial">The SOA serial of the version served.</param>
/// <param name="Records">Records in the version served.</param>
/// <param name="SourceFile">The zone file it was loaded from, as the log names it.</param>
/// <param name="LastReload">When the version served was loaded; null when none ever loaded.</param>
/// <param name="LastError">
/// Why the latest attempt to load the file failed (<c>file:line: what is wrong</c>), while the zone keeps
/// serving its last good version; null when the latest attempt loaded.
/// </param>
/// <param name="LastErrorAt">When that attempt failed; null with <paramref name="LastError"/>.</param>
/// <param name="Reloads">Successful loads since start, the first included.</param>
/// <param name="ReloadFailures">Failed attempts since start.</param>
public sealed record ZoneStatus(
    string Name,
    uint Serial,
    int Records,
    string SourceFile,
    DateTimeOffset? LastReload,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long Reloads,
    long ReloadFailures);
