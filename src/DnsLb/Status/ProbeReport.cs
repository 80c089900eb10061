namespace DnsLb.Status;

/// <summary>The latest probe of a member: its result, why, how long it took and when it finished.</summary>
/// <param name="Result">Ok or failed.</param>
/// <param name="Reason">What the probe saw ("HTTP 200", "connection refused", "timed out after 1000 ms").</param>
/// <param name="LatencyMs">How long the probe took, in milliseconds.</param>
/// <param name="At">When it finished.</param>
public sealed record ProbeReport(ProbeVerdict Result, string Reason, double LatencyMs, DateTimeOffset At);
