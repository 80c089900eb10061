using System.Runtime.InteropServices;
using System.Threading.Channels;
using DnsLb.Hosting.Settings;
using DnsLb.Zones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Serving;

/// <summary>
/// Decides when to reload: a file watcher on the zones folder (and the files it includes, in subfolders) and
/// one on the settings file, with a short delay so an editor's save (several writes, or a write to a temporary
/// file renamed over the old one) is read once, whole; a slow periodic re-scan in case a notification was
/// missed; and SIGHUP, which reads everything again (systemd's <c>reload</c>). Triggers that come while a
/// reload runs are merged into the next one; the reloads themselves run one at a time (<see cref="Reloader"/>).
/// </summary>
internal sealed partial class ReloadService(
    Reloader reloader, ZoneLoader zones, SettingsFile settingsFile, IOptions<ZoneOptions> options, TimeProvider time, ILogger<ReloadService> logger)
    : BackgroundService
{
    /// <summary>Writing that goes on and on still gets a reload this often.</summary>
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(1);

    private readonly Channel<ReloadKinds> _triggers = Channel.CreateUnbounded<ReloadKinds>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<FileSystemWatcher> _watchers = [];
    private PosixSignalRegistration? _hangup;
    private long _lastChange; // TimeProvider timestamp of the last change a watcher saw

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Watch(zones.Directory, file: null, ReloadKinds.Zones);
        Watch(Path.GetDirectoryName(settingsFile.FullPath)!, Path.GetFileName(settingsFile.FullPath), ReloadKinds.Settings);
        if (!OperatingSystem.IsWindows())
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
        // Anything saved between the load at start and the watchers' start.
        Trigger(ReloadKinds.Zones | ReloadKinds.Settings);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
        _watchers.Clear();
        _triggers.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        // SIGHUP stays ignored until the very end: a reload asked for while stopping must not kill the process.
        _hangup?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rescan = RescanAsync(stoppingToken);
        try
        {
            while (await _triggers.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var what = Drain();
                if (what.HasFlag(ReloadKinds.Settle))
                    what |= await SettleAsync(stoppingToken).ConfigureAwait(false);
                Run(what & ~ReloadKinds.Settle);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        await rescan.ConfigureAwait(false);
    }

    private void Run(ReloadKinds what)
    {
        try
        {
            reloader.Reload(what);
        }
        catch (Exception e)
        {
            // A reload that fails must leave the server serving what it served.
            LogReloadFailed(logger, e);
        }
    }

    /// <summary>
    /// Waits until no change has been seen for the reload delay (or about <see cref="MaxSettle"/> has passed
    /// since the first), so an editor's several writes make one reload; returns what came meanwhile.
    /// </summary>
    private async Task<ReloadKinds> SettleAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(options.Value.ZonesReloadDelayMs);
        long start = time.GetTimestamp();
        TimeSpan remaining;
        while ((remaining = SettleTime.Remaining(time.GetElapsedTime(Interlocked.Read(ref _lastChange)), time.GetElapsedTime(start), delay, MaxSettle)) > TimeSpan.Zero)
            await Task.Delay(remaining, time, stop).ConfigureAwait(false);
        return Drain();
    }

    private ReloadKinds Drain()
    {
        var what = ReloadKinds.None;
        while (_triggers.Reader.TryRead(out var more))
            what |= more;
        return what;
    }

    private void Trigger(ReloadKinds what)
    {
        if (what.HasFlag(ReloadKinds.Settle))
            Interlocked.Exchange(ref _lastChange, time.GetTimestamp());
        _triggers.Writer.TryWrite(what);
    }

    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true; // reload, do not terminate
        LogHangup(logger);
        Trigger(ReloadKinds.All);
    }

    private async Task RescanAsync(CancellationToken stop)
    {
        int seconds = options.Value.ZonesRescanSeconds;
        if (seconds == 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                Trigger(ReloadKinds.Zones | ReloadKinds.Settings);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Watches <paramref name="directory"/> (and its subfolders, unless one <paramref name="file"/> is named).</summary>
    private void Watch(string directory, string? file, ReloadKinds kind)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = file is null,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            if (file is not null)
                watcher.Filter = file;
            watcher.Changed += (_, _) => Trigger(kind | ReloadKinds.Settle);
            watcher.Created += (_, _) => Trigger(kind | ReloadKinds.Settle);
            watcher.Deleted += (_, _) => Trigger(kind | ReloadKinds.Settle);
            watcher.Renamed += (_, _) => Trigger(kind | ReloadKinds.Settle);
            watcher.Error += (_, e) =>
            {
                // Too many changes at once (the notification queue overflowed): look at everything.
                LogWatchError(logger, directory, e.GetException().Message);
                Trigger(kind);
            };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            LogCannotWatch(logger, directory, e.Message, options.Value.ZonesRescanSeconds);
        }
    }
}
