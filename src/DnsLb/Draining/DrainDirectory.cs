using System.Net;
using System.Threading.Channels;
using DnsLb.Balancing;
using DnsLb.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Draining;

/// <summary>
/// Drains by file, like keepalived's "down" file: a file in <c>Drain:Directory</c> named after an address
/// (<see cref="DrainFileName"/>) drains that address in every pool, and removing it undrains it. The folder
/// is read at start (before the first query is answered), whenever a watcher sees a change in it (or sees
/// it created, removed or renamed in its parent), and every <c>Drain:RescanSeconds</c> in case a change
/// went unnoticed. A folder that does not exist drains nothing; one that cannot be read keeps what it
/// drained. Every drain and undrain goes through <see cref="DrainCommands"/> (logged, announced); a node
/// that joins a pool while its file exists starts drained (<see cref="DrainRegistry.Attach"/>).
/// </summary>
internal sealed partial class DrainDirectory(
    IOptions<DrainOptions> options, DrainRegistry registry, DrainCommands commands, TimeProvider time, ILogger<DrainDirectory> logger)
    : BackgroundService
{
    private readonly Channel<bool> _triggers = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly HashSet<string> _reportedNames = new(StringComparer.Ordinal);
    private readonly HashSet<IPAddress> _reportedOutside = [];
    private FileSystemWatcher? _parentWatcher;
    private FileSystemWatcher? _watcher;
    private int _rewatch = 1;
    private bool? _existed;
    private bool _unreadable;

    /// <summary>The folder, as a full path.</summary>
    public string FullPath => Path.GetFullPath(options.Value.Directory);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        WatchParent();
        Scan();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _triggers.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        StopWatching();
    }

    public override void Dispose()
    {
        StopWatching();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rescan = RescanAsync(stoppingToken);
        try
        {
            while (await _triggers.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _triggers.Reader.TryRead(out _);
                Scan();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        await rescan.ConfigureAwait(false);
    }

    /// <summary>Reads the folder and makes the drains by file what its files say.</summary>
    private void Scan()
    {
        var files = new Dictionary<IPAddress, string>();
        bool exists;
        try
        {
            foreach (var path in Directory.EnumerateFiles(FullPath))
                Add(files, Path.GetFileName(path));
            exists = true;
        }
        catch (DirectoryNotFoundException)
        {
            exists = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_unreadable)
                LogCannotRead(logger, FullPath, e.Message);
            _unreadable = true;
            return;
        }
        _unreadable = false;
        ReportExistence(exists);
        registry.SetDrainFiles(files);
        var members = new HashSet<IPAddress>();
        foreach (var (pool, address, heldByFile) in registry.Members())
        {
            members.Add(address);
            if (files.ContainsKey(address) && !heldByFile)
                commands.Drain(pool, address, DrainSource.File);
            else if (!files.ContainsKey(address) && heldByFile)
                commands.Undrain(pool, address, DrainSource.File);
        }
        _reportedOutside.IntersectWith(files.Keys);
        foreach (var (address, file) in files)
        {
            if (!members.Contains(address) && _reportedOutside.Add(address))
                LogNoSuchMember(logger, file, address.ToString());
        }
        if (Interlocked.Exchange(ref _rewatch, 0) == 1 || (exists && _watcher is null))
            Watch(exists);
    }

    private void Add(Dictionary<IPAddress, string> files, string name)
    {
        if (DrainFileName.TryParse(name, out var address))
            files.TryAdd(address, Path.Combine(options.Value.Directory, name));
        else if (!name.StartsWith('.') && _reportedNames.Add(name))
            LogNotAnAddress(logger, Path.Combine(options.Value.Directory, name));
    }

    private void ReportExistence(bool exists)
    {
        if (_existed == exists)
            return;
        if (!exists)
            LogMissing(logger, FullPath);
        else if (_existed is not null)
            LogCreated(logger, FullPath);
        _existed = exists;
    }

    private void Trigger() => _triggers.Writer.TryWrite(true);

    private async Task RescanAsync(CancellationToken stop)
    {
        int seconds = options.Value.RescanSeconds;
        if (seconds == 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                Trigger();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Watches the folder's parent for the folder itself coming, going or being renamed: the folder's own watcher is then made anew.</summary>
    private void WatchParent()
    {
        var parent = Path.GetDirectoryName(FullPath);
        if (parent is null || !Directory.Exists(parent))
            return; // the re-scan finds the folder when it comes
        _parentWatcher = Create(parent, NotifyFilters.DirectoryName, Path.GetFileName(FullPath), () =>
        {
            Interlocked.Exchange(ref _rewatch, 1);
            Trigger();
        });
    }

    private void Watch(bool exists)
    {
        _watcher?.Dispose();
        _watcher = exists ? Create(FullPath, NotifyFilters.FileName | NotifyFilters.DirectoryName, filter: null, Trigger) : null;
    }

    private FileSystemWatcher? Create(string directory, NotifyFilters notify, string? filter, Action changed)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = notify };
            if (filter is not null)
                watcher.Filter = filter;
            watcher.Created += (_, _) => changed();
            watcher.Deleted += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.Error += (_, _) => changed();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            LogCannotWatch(logger, directory, e.Message, options.Value.RescanSeconds);
            return null;
        }
    }

    private void StopWatching()
    {
        _parentWatcher?.Dispose();
        _parentWatcher = null;
        _watcher?.Dispose();
        _watcher = null;
    }
}
