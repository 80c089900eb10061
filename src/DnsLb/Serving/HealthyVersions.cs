using System.Threading.Channels;
using DnsLb.Balancing;
using HealthProbe.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>
/// Keeps the Healthy versions (for <c>Members=Healthy</c> secondaries) following what the pools answer: every
/// health change and every drain change wakes it; it waits <see cref="Coalesce"/> so a burst of changes (a
/// switch failing, a drain file for an address in several pools) makes one version, then has the reloader
/// make the versions anew (<see cref="Reloader.RefreshHealthy"/>: a new serial and a NOTIFY only where an
/// answer changed). The probe thread only signals; the work runs here. Idle unless some secondary is Healthy.
/// </summary>
internal sealed partial class HealthyVersions(
    Reloader reloader, ZoneVersioning versioning, HealthRegistry health, DrainRegistry drains, TimeProvider time, ILogger<HealthyVersions> logger)
    : BackgroundService
{
    /// <summary>How long changes are gathered into one version. The default value is 100 ms.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (versioning.KeepsHealthy)
        {
            health.Changed += OnHealthChanged;
            drains.Changed += OnChanged;
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        health.Changed -= OnHealthChanged;
        drains.Changed -= OnChanged;
        _changes.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(Coalesce, time, stoppingToken).ConfigureAwait(false);
                _changes.Reader.TryRead(out _);
                try
                {
                    reloader.RefreshHealthy();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The versions stay as they were; the next change tries again.
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void OnHealthChanged(HealthChange change) => OnChanged();

    private void OnChanged() => _changes.Writer.TryWrite(true);
}
