namespace HealthProbe.Probes;

/// <summary>
/// The outcome of one probe: success or not, how long it took, why it failed, and how much that says
/// (<see cref="Evidence"/>). A success is always definitive: the node answered as expected.
/// </summary>
public readonly record struct ProbeResult(bool Success, TimeSpan Latency, string Reason, Evidence Evidence)
{
    public static ProbeResult Ok(string reason = "ok") => new(true, TimeSpan.Zero, reason, Evidence.Definitive);

    /// <summary>A failure that may be a fluke (no answer in time, an error the node did not say).</summary>
    public static ProbeResult Failed(string reason) => new(false, TimeSpan.Zero, reason, Evidence.Ambiguous);

    /// <summary>A failure the node itself answered: refused, reset, an unexpected status.</summary>
    public static ProbeResult Rejected(string reason) => new(false, TimeSpan.Zero, reason, Evidence.Definitive);
}
