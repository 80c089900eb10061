using System.Text.Json;
using DnsLb.Protocol;
using HealthProbe.Probes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Balancing;

/// <summary>
/// The pools of the configuration, each with its probe created once. The settings may change while DnsLb
/// runs: <see cref="Update"/> swaps in the new list whole, keeping the <see cref="Pool"/> (and so the probe
/// and the probing) of every pool whose settings did not change.
/// </summary>
internal sealed partial class PoolCatalog : IDisposable
{
    private readonly ILogger<PoolCatalog> _logger;
    private volatile IReadOnlyList<Pool> _pools;

    public PoolCatalog(IOptions<PoolsOptions> options, ILogger<PoolCatalog> logger)
    {
        _logger = logger;
        _pools = [.. options.Value.Select(entry => Create(entry.Key, entry.Value))];
    }

    public IReadOnlyList<Pool> Pools => _pools;

    /// <summary>
    /// Makes <paramref name="options"/> (already validated) the pools. Returns false when no pool changed;
    /// <paramref name="retired"/> gets the probes of pools that changed or went, for the caller to dispose
    /// once the scheduler has been told (their probe loops are stopped by then, so none is in use).
    /// </summary>
    public bool Update(PoolsOptions options, out List<IHealthProbe> retired)
    {
        var before = _pools.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var next = new List<Pool>(options.Count);
        retired = [];
        foreach (var (key, settings) in options)
        {
            var name = NameOf(key);
            if (before.Remove(name, out var existing))
            {
                if (SameSettings(existing.Options, settings))
                {
                    next.Add(existing);
                    continue;
                }
                retired.Add(existing.Probe);
                var changed = Create(key, settings);
                LogPoolChanged(_logger, name, changed.Probe.Description);
                next.Add(changed);
                continue;
            }
            var added = Create(key, settings);
            LogPoolAdded(_logger, name, added.Probe.Description);
            next.Add(added);
        }
        foreach (var gone in before.Values)
        {
            retired.Add(gone.Probe);
            LogPoolRemoved(_logger, gone.Name);
        }
        if (retired.Count == 0 && next.Count == _pools.Count)
            return false;
        _pools = next;
        return true;
    }

    private static string NameOf(string key) => key.TrimEnd('.');

    private static Pool Create(string key, PoolOptions settings)
    {
        var name = NameOf(key);
        return new Pool(name, DnsName.Parse(name + "."), settings, ProbeFactory.Create(settings.Probe));
    }

    /// <summary>Every setting of the two the same? Compared as JSON, so a setting added later is compared too.</summary>
    private static bool SameSettings(PoolOptions a, PoolOptions b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    public void Dispose()
    {
        foreach (var pool in _pools)
            (pool.Probe as IDisposable)?.Dispose();
    }
}
