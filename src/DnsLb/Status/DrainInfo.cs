namespace DnsLb.Status;

/// <summary>A drain in force: who asked for it (the API or a file in the drain directory) and when.</summary>
/// <param name="File">For a drain by file, the file that holds it, as the drain directory is configured (<c>drain/192.168.0.121</c>); removing it undrains.</param>
public sealed record DrainInfo(DrainSource By, DateTimeOffset At, string? File = null);
