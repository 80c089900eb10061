using DnsLb.Balancing;
using DnsLb.Serving;
using HealthProbe.State;

namespace DnsLb.Status.Source;

/// <summary>
/// The status of the running server: the zones of the snapshot being served with their files' load history,
/// and the pools of that snapshot's plans with each member's health, last probe, recent changes, drain and
/// whether it is safe to stop. One snapshot reference read per call, so zones and pools belong together.
/// </summary>
internal sealed class LiveStatusSource(ServingState serving, ZoneHistory zones, MemberHistory history, TimeProvider time) : IStatusSource
{
    public StatusSnapshot Read()
    {
        var snapshot = serving.Current;
        var now = time.GetUtcNow();
        var pools = snapshot.Addresses is PoolAddressSelector selector ? Pools(selector, now) : [];
        return new StatusSnapshot(Zones(snapshot), pools);
    }

    private List<PoolStatus> Pools(PoolAddressSelector selector, DateTimeOffset now)
    {
        var result = new List<PoolStatus>(selector.Pools.Count);
        foreach (var pool in selector.Pools)
        {
            var plans = selector.Plans.Where(p => ReferenceEquals(p.Value.Pool, pool)).ToList();
            int ttl = plans.Count == 0 ? 0 : (int)Math.Min(plans.Max(p => p.Key.Ttl), int.MaxValue);
            var members = plans.SelectMany(p => p.Value.Members).Distinct().ToList();
            result.Add(new PoolStatus(pool.Name, ttl, pool.Probe.Description, ProbeTiming.From(pool.Options),
                [.. members.Select(m => Member(m, members, ttl, now))]));
        }
        return result;
    }

    private MemberStatus Member(PoolMember member, List<PoolMember> pool, int ttl, DateTimeOffset now)
    {
        var health = member.Target.Health;
        bool anotherUp = pool.Any(o => !ReferenceEquals(o, member) && o.Target.Health.State == HealthState.Up && !o.IsDrained);
        var since = member.OutOfAnswersSince;
        var probe = health.LastResult is { } result && health.LastProbe is { } at
            ? new ProbeReport(result.Success ? ProbeVerdict.Ok : ProbeVerdict.Failed, result.Reason, result.Latency.TotalMilliseconds, at)
            : null;
        return new MemberStatus(
            member.Address.ToString(),
            MemberHistory.StateOf(health.State),
            member.Drain,
            SafeToStopRule.Holds(since, ttl, anotherUp, now),
            since,
            probe,
            health.LastChange,
            health.Checks - health.Failures,
            health.Failures,
            history.Of(member.Pool, member.Address));
    }

    /// <summary>The zones served, by name, then the zone files that never loaded (what they are called, and why not).</summary>
    private List<ZoneStatus> Zones(ServingSnapshot snapshot)
    {
        var files = zones.Files;
        var result = new List<ZoneStatus>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in snapshot.Zones.Zones.OrderBy(z => z.Origin.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            var file = files.GetValueOrDefault(zone.Source);
            shown.Add(zone.Source);
            result.Add(new ZoneStatus(zone.Origin.ToString(), zone.Serial, zone.RecordCount, zone.Source, file?.LastReload,
                file?.LastError, file?.LastErrorAt, file?.Reloads ?? 0, file?.Failures ?? 0));
        }
        foreach (var file in files.Values.Where(f => f.LastReload is null && !shown.Contains(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal))
            result.Add(new ZoneStatus(file.Zone, 0, 0, file.Path, null, file.LastError, file.LastErrorAt, file.Reloads, file.Failures));
        return result;
    }
}
