using System.ComponentModel.DataAnnotations;
using HealthProbe.Probes;
using HealthProbe.Scheduling;

namespace DnsLb.Balancing;

/// <summary>
/// One pool: a name in a zone whose A/AAAA records are health-checked nodes. Configured under
/// <c>Pools:&lt;name&gt;</c>; every setting but the probe has a default.
/// </summary>
public sealed class PoolOptions
{
    public const string Section = "Pools";

    /// <summary>How each node is checked (Kind Tcp/Http/Https, Port, Path, Host, ExpectedStatus, AcceptAnyCertificate).</summary>
    public ProbeOptions Probe { get; set; } = new();

    /// <inheritdoc cref="HealthCheckOptions.IntervalMs"/>
    [Range(50, 3_600_000)]
    public int IntervalMs { get; set; } = 1000;

    /// <inheritdoc cref="HealthCheckOptions.TimeoutMs"/>
    [Range(10, 600_000)]
    public int TimeoutMs { get; set; } = 1000;

    /// <inheritdoc cref="HealthCheckOptions.RecheckMs"/>
    [Range(10, 600_000)]
    public int RecheckMs { get; set; } = 250;

    /// <inheritdoc cref="HealthCheckOptions.Rise"/>
    [Range(1, 100)]
    public int Rise { get; set; } = 2;

    /// <inheritdoc cref="HealthCheckOptions.Fall"/>
    [Range(1, 100)]
    public int Fall { get; set; } = 2;

    /// <summary>
    /// Most addresses in one answer (a random subset when more are healthy). At least 2, so a client always
    /// has an address to retry when two nodes are healthy. The default value is 8.
    /// </summary>
    [Range(2, 256)]
    public int MaxAnswers { get; set; } = 8;

    /// <summary>The answer when no node is healthy. The default value is All (every node: fail open).</summary>
    public WhenAllDown WhenAllDown { get; set; } = WhenAllDown.All;

    internal HealthCheckOptions ToHealthCheck() => new()
    {
        IntervalMs = IntervalMs,
        TimeoutMs = TimeoutMs,
        RecheckMs = RecheckMs,
        Rise = Rise,
        Fall = Fall,
    };
}

/// <summary>All pools, keyed by the pool's DNS name (e.g. "twopir.example.com").</summary>
public sealed class PoolsOptions : Dictionary<string, PoolOptions>
{
    public PoolsOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
