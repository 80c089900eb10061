namespace DnsLb.Status;

/// <summary>A drain in force: who asked for it (the API or a file in the drain directory) and when.</summary>
public sealed record DrainInfo(DrainSource By, DateTimeOffset At);
