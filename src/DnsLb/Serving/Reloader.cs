using DnsLb.Balancing;
using DnsLb.Hosting;
using DnsLb.Protocol;
using DnsLb.Transfer.Secondary;
using DnsLb.Zones;
using HealthProbe.Probes;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>
/// Builds the next snapshot beside the one being served and publishes it in one swap: the zones (only the
/// files that changed are read again; the other zones are kept as they are; secondary zones as their
/// primaries last gave them), their served versions (<see cref="ZoneVersioning"/>: serials that never go
/// back, history for IXFR, the Healthy versions), the pool settings when the settings file changed and is
/// valid, and the pools' plans for those zones (new nodes probed at once, removed ones no longer). On an
/// error nothing changes but what the error concerns: a broken zone file keeps its last good zone, invalid
/// settings keep the running ones. One publication at a time, whoever asks: the reload service, a secondary
/// zone's new version (<see cref="PublishSecondary"/>), a health change that changes a Healthy version
/// (<see cref="RefreshHealthy"/>). Every zone file's loads and failures are noted (<see cref="ZoneHistory"/>)
/// for the status page; each snapshot's plans are handed to the <see cref="AnswerTracker"/>, and its changed
/// versions to the <see cref="SecondaryNotifier"/>, once published.
/// </summary>
internal sealed partial class Reloader(
    ZoneLoader zones, SettingsReload settings, PoolCatalog catalog, PoolMembership membership, ServingState state, ZoneHistory history,
    AnswerTracker answers, ZoneVersioning versioning, SecondaryNotifier notifier, IReadOnlyList<SecondaryZone> secondaryZones, TimeProvider time,
    ILogger<Reloader> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DnsName, Zone> _secondaries = [];
    private readonly HashSet<string> _shadowedFiles = new(StringComparer.Ordinal);
    private ZoneSet _files = ZoneSet.Empty;

    /// <summary>
    /// Loads every zone, plans the pools, publishes the first snapshot and says what is served. False when the
    /// zones directory does not exist, unless secondary zones are configured (a DnsLb that is only a secondary
    /// needs no zone files; a folder created later is picked up by the rescan).
    /// </summary>
    public bool Start()
    {
        lock (_gate)
        {
            var set = LoadZones(force: true);
            if (set is null && secondaryZones.Count == 0)
                return false;
            set ??= ZoneSet.Empty;
            _files = set;
            Publish();
            ReportAtStart(set);
            return true;
        }
    }

    /// <summary>The zone files' zones whose origin is also configured as a secondary zone: one line each, for the start to refuse.</summary>
    public IReadOnlyList<string> Conflicts()
    {
        lock (_gate)
        {
            return [.. _files.Zones.Where(z => IsSecondary(z.Origin))
                .Select(z => $"zone {z.Origin} is both in a zone file ({z.Source}) and in Secondary:Zones; serve it from one of them (remove the file, or the Secondary:Zones entry)")];
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
            var set = what.HasFlag(ReloadKinds.Zones) ? LoadZones(force) ?? _files : _files;
            if (!poolsChanged && ReferenceEquals(set, _files))
                return;

            _files = set;
            Publish();
            // The scheduler has stopped the probe loops of changed and removed pools by now: their probes are free.
            foreach (var probe in retired)
                (probe as IDisposable)?.Dispose();
            if (state.Current.Zones.Zones.Count == 0 && current.Zones.Zones.Count > 0)
                LogNoZones(logger, zones.Directory);
        }
    }

    /// <summary>Serves this version of a secondary zone (the saved copy at start, or a new transfer), beside the file zones.</summary>
    public void PublishSecondary(Zone zone)
    {
        lock (_gate)
        {
            _secondaries[zone.Origin] = zone;
            Publish();
        }
    }

    /// <summary>Stops serving a secondary zone (it expired without contact with a primary).</summary>
    public void WithdrawSecondary(DnsName origin)
    {
        lock (_gate)
        {
            if (_secondaries.Remove(origin))
                Publish();
        }
    }

    /// <summary>Makes the Healthy versions what the pools answer now; publishes when one changed. Called after health or drain changes.</summary>
    public void RefreshHealthy()
    {
        lock (_gate)
        {
            var current = state.Current;
            if (current.Addresses is not PoolAddressSelector selector)
                return;
            var served = versioning.WithHealthy(current.Served, selector.Plans);
            if (ReferenceEquals(served, current.Served))
                return;
            var snapshot = new ServingSnapshot(served, current.Addresses, current.Version + 1);
            state.Publish(snapshot);
            Published(current, snapshot);
        }
    }

    private ZoneSet? LoadZones(bool force)
    {
        var before = zones.Files;
        var set = zones.Load(force);
        history.Record(before, zones.Files, time.GetUtcNow());
        return set;
    }

    /// <summary>Publishes the zone files' zones and the secondary zones as they are now.</summary>
    private void Publish()
    {
        var current = state.Current;
        var served = versioning.Advance(current.Served, Contents());
        var addresses = membership.Plan(served.Answered);
        served = versioning.WithHealthy(served, addresses.Plans);
        var snapshot = new ServingSnapshot(served, addresses, current.Version + 1);
        state.Publish(snapshot);
        answers.Follow(addresses);
        Published(current, snapshot);
    }

    private void Published(ServingSnapshot before, ServingSnapshot after)
    {
        versioning.Remember(after.Served);
        notifier.Published(before.Served, after.Served);
        LogPublished(logger, after.Version, after.Zones.Zones.Count);
    }

    /// <summary>The zones to serve: every secondary zone held, and every file zone whose origin is not a secondary zone's.</summary>
    private ZoneSet Contents()
    {
        var contents = new List<Zone>(_secondaries.Values);
        foreach (var zone in _files.Zones)
        {
            if (!IsSecondary(zone.Origin))
                contents.Add(zone);
            else if (_shadowedFiles.Add(zone.Source))
                LogFileShadowed(logger, zone.Source, zone.Origin.ToString());
        }
        return new ZoneSet(contents);
    }

    private bool IsSecondary(DnsName origin) => secondaryZones.Any(z => z.Origin.Equals(origin));

    private void ReportAtStart(ZoneSet set)
    {
        var rejected = zones.RejectedFiles;
        if (rejected.Count > 0)
            LogRejectedAtStart(logger, rejected.Count, string.Join(", ", rejected));
        if (set.Zones.Count == 0 && secondaryZones.Count == 0)
        {
            LogNoZones(logger, zones.Directory);
            return;
        }
        var served = state.Current.Zones.Zones.OrderBy(z => z.Origin.ToString(), StringComparer.Ordinal).Select(z => $"{z.Origin} (serial {z.Serial})").ToList();
        served.AddRange(secondaryZones.Select(z => $"{z.Origin} (secondary)"));
        LogServing(logger, served.Count, string.Join(", ", served));
    }
}
