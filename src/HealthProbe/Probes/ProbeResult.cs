namespace HealthProbe.Probes;

/// <summary>The outcome of one probe: success or not, how long it took, and why it failed.</summary>
public readonly record struct ProbeResult(bool Success, TimeSpan Latency, string Reason)
{
    public static ProbeResult Ok(string reason = "ok") => new(true, TimeSpan.Zero, reason);

    public static ProbeResult Failed(string reason) => new(false, TimeSpan.Zero, reason);
}
