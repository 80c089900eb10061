using HealthProbe.Probes;
using Polly;

namespace HealthProbe.Scheduling;

/// <summary>A named set of nodes (a pool) checked with one probe and one timing.</summary>
internal sealed class ProbeGroup
{
    public ProbeGroup(string name, HealthCheckOptions timing, IHealthProbe probe, TimeProvider time)
    {
        Name = name;
        Timing = timing;
        Probe = probe;
        // Polly's timeout cancels the probe's token and reports TimeoutRejectedException.
        Pipeline = new ResiliencePipelineBuilder<ProbeResult> { TimeProvider = time }.AddTimeout(timing.Timeout).Build();
    }

    public string Name { get; }
    public HealthCheckOptions Timing { get; }
    public IHealthProbe Probe { get; }
    public ResiliencePipeline<ProbeResult> Pipeline { get; }
}
