using DnsLb.Balancing;
using DnsLb.Hosting;
using DnsLb.Zones;
using HealthProbe.Probes;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>
/// Builds the next snapshot beside the one being served and publishes it in one swap: the zones (only the
/// files that changed are read again; the other zones are kept as they are), the pool settings when the
/// settings file changed and is valid, and the pools' plans for those zones (new nodes probed at once,
/// removed ones no longer). On an error nothing changes but what the error concerns: a broken zone file keeps
/// its last good zone, invalid settings keep the running ones. One reload at a time, whoever asks.
/// Every zone file's loads and failures are noted (<see cref="ZoneHistory"/>) for the status page, and each
/// snapshot's plans are handed to the <see cref="AnswerTracker"/> once published.
/// </summary>
internal sealed partial class Reloader(
    ZoneLoader zones, SettingsReload settings, PoolCatalog catalog, PoolMembership membership, ServingState state, ZoneHistory history,
    AnswerTracker answers, TimeProvider time, ILogger<Reloader> logger)
{
    private readonly Lock _gate = new();

    /// <summary>Loads every zone, plans the pools, publishes the first snapshot and says what is served. False when the zones directory does not exist.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            if (LoadZones(force: true) is not { } set)
                return false;
            Publish(set);
            ReportAtStart(set);
            return true;
        }
    }

    /// <summary>Reloads <paramref name="what"/>; publishes a new snapshot only when something a query reads changed.</summary>
    public void Reload(ReloadKinds what)
    {
        lock (_gate)
        {
            var current = state.Current;
            bool force = what.HasFlag(ReloadKinds.Force);
            List<IHealthProbe> retired = [];
            bool poolsChanged = what.HasFlag(ReloadKinds.Settings) && settings.TryReload(force) is { } pools && catalog.Update(pools, out retired);
            var set = what.HasFlag(ReloadKinds.Zones) ? LoadZones(force) ?? current.Zones : current.Zones;
            if (!poolsChanged && ReferenceEquals(set, current.Zones))
                return;

            Publish(set);
            // The scheduler has stopped the probe loops of changed and removed pools by now: their probes are free.
            foreach (var probe in retired)
                (probe as IDisposable)?.Dispose();
            if (set.Zones.Count == 0 && current.Zones.Zones.Count > 0)
                LogNoZones(logger, zones.Directory);
        }
    }

    private ZoneSet? LoadZones(bool force)
    {
        var before = zones.Files;
        var set = zones.Load(force);
        history.Record(before, zones.Files, time.GetUtcNow());
        return set;
    }

    private void Publish(ZoneSet set)
    {
        var addresses = membership.Plan(set);
        var snapshot = new ServingSnapshot(set, addresses, state.Current.Version + 1);
        state.Publish(snapshot);
        answers.Follow(addresses);
        LogPublished(logger, snapshot.Version, set.Zones.Count);
    }

    private void ReportAtStart(ZoneSet set)
    {
        var rejected = zones.RejectedFiles;
        if (rejected.Count > 0)
            LogRejectedAtStart(logger, rejected.Count, string.Join(", ", rejected));
        if (set.Zones.Count == 0)
        {
            LogNoZones(logger, zones.Directory);
            return;
        }
        var served = set.Zones.OrderBy(z => z.Origin.ToString(), StringComparer.Ordinal).Select(z => $"{z.Origin} (serial {z.Serial})");
        LogServing(logger, set.Zones.Count, string.Join(", ", served));
    }
}
