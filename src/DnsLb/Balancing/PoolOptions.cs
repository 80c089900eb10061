using System.ComponentModel.DataAnnotations;
using DnsLb.Protocol;
using HealthProbe.Probes;
using HealthProbe.Scheduling;

namespace DnsLb.Balancing;

/// <summary>
/// One pool: a name in a zone whose A/AAAA records are health-checked nodes. Configured under
/// <c>Pools:&lt;name&gt;</c>; every setting but the probe has a default. The timing settings (IntervalMs,
/// TimeoutMs, RecheckMs, DeadlineMarginMs, Rise, Fall) are inherited from <see cref="HealthCheckOptions"/>.
/// </summary>
public sealed class PoolOptions : HealthCheckOptions
{
    public const string Section = "Pools";

    /// <summary>How each node is checked (Kind Tcp/Http/Https, Port, Path, Host, ExpectedStatus, AcceptAnyCertificate).</summary>
    public ProbeOptions Probe { get; set; } = new();

    /// <summary>
    /// Most addresses in one answer (a random subset when more are healthy). At least 2, so a client always
    /// has an address to retry when two nodes are healthy. The default value is 8.
    /// </summary>
    [Range(2, 256)]
    public int MaxAnswers { get; set; } = 8;

    /// <summary>The answer when no node is healthy. The default value is All (every node: fail open).</summary>
    public WhenAllDown WhenAllDown { get; set; } = WhenAllDown.All;
}

/// <summary>
/// All pools, keyed by the pool's DNS name (e.g. "twopir.example.com"). Each pool's settings are checked by
/// their attributes; here, what only the whole set knows: that each key is a domain name and has settings.
/// </summary>
public sealed class PoolsOptions : Dictionary<string, PoolOptions>, IValidatableObject
{
    public PoolsOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, pool) in this)
        {
            if (name.Length == 0)
                yield return new ValidationResult("a pool needs a name, e.g. Pools:twopir.example.com:Probe:Kind", [name]);
            else if (!DnsName.TryParse(name.TrimEnd('.') + ".", null, out _, out var error))
                yield return new ValidationResult($"'{name}' is not a domain name ({error})", [name]);
            if (pool is null)
                yield return new ValidationResult("the pool has no settings; give at least Probe:Kind and Probe:Port", [name]);
        }
    }
}
