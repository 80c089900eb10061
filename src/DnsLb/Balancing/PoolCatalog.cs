using DnsLb.Protocol;
using HealthProbe.Probes;
using Microsoft.Extensions.Options;

namespace DnsLb.Balancing;

/// <summary>The pools of the configuration, each with its probe created once.</summary>
internal sealed class PoolCatalog : IDisposable
{
    public PoolCatalog(IOptions<PoolsOptions> options)
    {
        Pools = [.. options.Value.Select(entry =>
        {
            string name = entry.Key.TrimEnd('.');
            return new Pool(name, DnsName.Parse(name + "."), entry.Value, ProbeFactory.Create(entry.Value.Probe));
        })];
    }

    public IReadOnlyList<Pool> Pools { get; }

    public void Dispose()
    {
        foreach (var pool in Pools)
            (pool.Probe as IDisposable)?.Dispose();
    }
}
