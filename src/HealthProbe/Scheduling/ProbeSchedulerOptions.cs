using System.ComponentModel.DataAnnotations;

namespace HealthProbe.Scheduling;

/// <summary>Limits that apply to all probing together.</summary>
public sealed class ProbeSchedulerOptions
{
    /// <summary>Probes in flight at once across all nodes; more wait their turn. The default value is 64.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentProbes { get; set; } = 64;
}
