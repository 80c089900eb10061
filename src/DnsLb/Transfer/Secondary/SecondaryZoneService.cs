using DnsLb.Protocol;
using DnsLb.Zones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Keeps every secondary zone current, one loop per zone: at start the saved copy is served (unless it has
/// expired) and the primaries are asked at once; after that the <see cref="RefreshSchedule"/> says when to
/// ask again (REFRESH after contact, RETRY after a failure), and a NOTIFY (<see cref="RequestRefresh"/>)
/// asks now. A new version is published; a zone without contact for EXPIRE is withdrawn until a primary
/// answers again. Waits run on the injected clock.
/// </summary>
internal sealed partial class SecondaryZoneService(IReadOnlyList<SecondaryZone> zones, SecondaryRefresher refresher, SavedZones saved,
    ISecondaryZonePublisher publisher, TimeProvider time, ILogger<SecondaryZoneService> logger) : BackgroundService
{
    private readonly Dictionary<DnsName, SemaphoreSlim> _wakeUps = zones.ToDictionary(z => z.Origin, _ => new SemaphoreSlim(0, 1));

    /// <summary>Asks the primaries about <paramref name="origin"/> now (after a NOTIFY from one of them); false when it is not a secondary zone here.</summary>
    public bool RequestRefresh(DnsName origin)
    {
        if (!_wakeUps.TryGetValue(origin, out var wakeUp))
            return false;
        try
        {
            wakeUp.Release();
        }
        catch (SemaphoreFullException)
        {
            // a refresh is already asked for
        }
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(zones.Select(zone => Task.Run(() => KeepAsync(zone, stoppingToken), stoppingToken)));

    private async Task KeepAsync(SecondaryZone zone, CancellationToken stoppingToken)
    {
        var (current, schedule) = Start(zone);
        bool served = current is not null && schedule.IsServable(time.GetUtcNow());
        if (served)
            publisher.Publish(current!);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var outcome = await RefreshAsync(zone, current, stoppingToken);
                var now = time.GetUtcNow();
                if (outcome.Result == RefreshResult.Failed)
                {
                    schedule = schedule.Failed(now);
                    LogFailed(logger, zone.Origin.ToString(), schedule.Failures, schedule.NextCheck, outcome.Error ?? "");
                }
                else
                {
                    current = outcome.Zone!;
                    schedule = schedule.Contacted(current.Soa, now);
                    if (outcome.Result == RefreshResult.Updated || !served)
                    {
                        publisher.Publish(current);
                        served = true;
                    }
                }
                served = await WaitAsync(zone, schedule, served, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task<RefreshOutcome> RefreshAsync(SecondaryZone zone, Zone? current, CancellationToken stoppingToken)
    {
        try
        {
            return await refresher.RefreshAsync(zone, current, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshCrashed(logger, zone.Origin.ToString(), e);
            return new RefreshOutcome(RefreshResult.Failed, current, null, e.Message);
        }
    }

    /// <summary>The saved copy and its schedule, or nothing and a check at once.</summary>
    private (Zone? Zone, RefreshSchedule Schedule) Start(SecondaryZone zone)
    {
        var now = time.GetUtcNow();
        var copy = saved.Load(zone.Origin, out var errors, out var savedAt);
        foreach (var error in errors)
            LogSavedCopyBroken(logger, zone.Origin.ToString(), error);
        if (copy is null)
            return (null, RefreshSchedule.Empty(now));
        var schedule = RefreshSchedule.Saved(copy.Soa, savedAt, now);
        if (schedule.IsServable(now))
            LogSavedCopy(logger, zone.Origin.ToString(), copy.Serial, saved.PathOf(zone.Origin));
        else
            LogSavedCopyExpired(logger, zone.Origin.ToString(), copy.Serial, savedAt);
        return (copy, schedule);
    }

    /// <summary>Waits for the next check (or a NOTIFY), withdrawing the zone if it expires meanwhile; returns whether it is still served.</summary>
    private async Task<bool> WaitAsync(SecondaryZone zone, RefreshSchedule schedule, bool served, CancellationToken stoppingToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            if (served && !schedule.IsServable(now))
            {
                publisher.Withdraw(zone.Origin);
                LogExpired(logger, zone.Origin.ToString(), schedule.LastContact);
                served = false;
            }
            if (schedule.IsDue(now))
                return served;
            var until = schedule.Until(now);
            if (served && schedule.ExpiresAt is { } expires && expires - now < until)
                until = expires - now;
            using var timeout = new CancellationTokenSource(until, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _wakeUps[zone.Origin].WaitAsync(linked.Token);
                return served; // NOTIFY: ask now
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the wait is over: due, or expired
            }
        }
    }

    public override void Dispose()
    {
        foreach (var wakeUp in _wakeUps.Values)
            wakeUp.Dispose();
        base.Dispose();
    }
}
