using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>
/// NOTIFY out (RFC 1996 §3): after each snapshot is published, every zone whose version of a mode changed
/// is announced to the secondaries listed with that mode (<c>Transfer:Secondaries</c>), the first snapshot's
/// zones included (a secondary may have missed changes while this server was down). Each announcement runs
/// off the publishing thread, retried by <see cref="NotifySender"/> until acknowledged (bounded); a newer
/// version of the same zone and mode replaces a round still retrying. Stopping the host ends every round.
/// </summary>
internal sealed partial class SecondaryNotifier(TransferAccess access, NotifySender sender, ILogger<SecondaryNotifier> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(DnsName Zone, TransferMembers Members), CancellationTokenSource> _rounds = [];

    /// <summary>Announces the versions of <paramref name="after"/> that <paramref name="before"/> did not hold.</summary>
    public void Published(ServedZones before, ServedZones after)
    {
        if (access.Secondaries.Count == 0)
            return;
        foreach (var versions in after.Zones)
        {
            var old = before.Find(versions.All.Zone);
            if (!ReferenceEquals(old?.All, versions.All))
                Notify(versions.All.Zone, TransferMembers.All);
            if (versions.Healthy is { } healthy && !ReferenceEquals(old?.Healthy, healthy))
                Notify(healthy.Zone, TransferMembers.Healthy);
        }
    }

    private void Notify(Zone zone, TransferMembers members)
    {
        var targets = access.Secondaries.Where(s => s.Members == members).ToList();
        if (targets.Count == 0)
            return;
        var key = (zone.Origin, members);
        CancellationTokenSource round;
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
                return;
            if (_rounds.Remove(key, out var previous))
                previous.Cancel(); // a newer version is announced instead
            round = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _rounds[key] = round;
        }
        LogNotifying(logger, zone.Origin.ToString(), zone.Serial, members, targets.Count);
        _ = Task.Run(() => SendAsync(targets, zone, key, round));
    }

    private async Task SendAsync(List<TransferSecondary> targets, Zone zone, (DnsName, TransferMembers) key, CancellationTokenSource round)
    {
        try
        {
            await sender.NotifyAllAsync(targets, zone, round.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (round.IsCancellationRequested)
        {
            // replaced by a newer version's round, or stopping
        }
        catch (Exception e)
        {
            LogNotifyFailed(logger, zone.Origin.ToString(), zone.Serial, e);
        }
        finally
        {
            lock (_lock)
            {
                if (_rounds.TryGetValue(key, out var current) && ReferenceEquals(current, round))
                    _rounds.Remove(key);
            }
            round.Dispose();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();
}
