using HealthProbe.Probes;
using Polly;

namespace HealthProbe.Scheduling;

/// <summary>How the nodes of one group are checked: one probe and one timing.</summary>
internal sealed class ProbeGroup
{
    public ProbeGroup(HealthCheckOptions timing, IHealthProbe probe, TimeProvider time)
    {
        Timing = timing;
        Probe = probe;
        // Polly's timeout cancels the probe's token and reports TimeoutRejectedException.
        Pipeline = new ResiliencePipelineBuilder<ProbeResult> { TimeProvider = time }.AddTimeout(timing.Timeout).Build();
    }

    public HealthCheckOptions Timing { get; }
    public IHealthProbe Probe { get; }
    public ResiliencePipeline<ProbeResult> Pipeline { get; }
}
