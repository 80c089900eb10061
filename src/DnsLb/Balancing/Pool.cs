using DnsLb.Protocol;
using HealthProbe.Probes;
using HealthProbe.Scheduling;

namespace DnsLb.Balancing;

/// <summary>One configured pool: its DNS name, settings, and the probe shared by its nodes.</summary>
internal sealed class Pool(string name, DnsName dnsName, PoolOptions options, IHealthProbe probe)
{
    /// <summary>The name as configured, without the final dot (as in logs: "pool twopir.example.com").</summary>
    public string Name { get; } = name;

    public DnsName DnsName { get; } = dnsName;

    public PoolOptions Options { get; } = options;

    public HealthCheckOptions Timing => Options;

    public IHealthProbe Probe { get; } = probe;
}
