namespace HealthProbe.Scheduling;

/// <summary>One probe under way: its result to come, and when it started (a <see cref="TimeProvider"/> timestamp).</summary>
internal sealed record InFlightProbe(Task<HealthProbe.Probes.ProbeResult> Result, long Started);
