using DnsLb.Hosting;
using DnsLb.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Support;

/// <summary>
/// A real DnsLb host on an ephemeral loopback port, serving the zone files of a temporary folder, which
/// it watches as the program does. What it logs is kept in <see cref="Log"/>. Its drain directory is a
/// folder of its own that does not exist until a test creates it (<see cref="DrainDirectory"/>); its status
/// endpoint is off unless a test asks for it (<c>Status:Listen=127.0.0.1:0</c>, see <see cref="StatusAddress"/>),
/// since many servers run at once.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly string? _ownSecondaryDirectory;

    private TestServer(IHost host, string zonesDirectory, string drainDirectory, string secondaryDirectory, bool ownsSecondaryDirectory, LogCapture log)
    {
        _host = host;
        ZonesDirectory = zonesDirectory;
        DrainDirectory = drainDirectory;
        SecondaryDirectory = secondaryDirectory;
        _ownSecondaryDirectory = ownsSecondaryDirectory ? secondaryDirectory : null;
        Log = log;
    }

    public int Port => DnsLbHost.BoundPort(_host);

    public string ZonesDirectory { get; }

    /// <summary>Drain:Directory, unless a test set it: not created by the server.</summary>
    public string DrainDirectory { get; }

    /// <summary>
    /// Secondary:Directory (saved copies of secondary zones, and the served serials): a folder of its own beside
    /// the zones, deleted with the server, unless a test set it (to keep it across a restart).
    /// </summary>
    public string SecondaryDirectory { get; }

    /// <summary>http://127.0.0.1:port/ of the status endpoint, when a test turned it on.</summary>
    public Uri StatusAddress =>
        DnsLbHost.StatusEndPoint(_host) is { } endPoint ? new Uri($"http://{endPoint}/") : throw new InvalidOperationException("the status endpoint is off: set Status:Listen=127.0.0.1:0");

    public IServiceProvider Services => _host.Services;

    public LogCapture Log { get; }

    /// <summary>The snapshot being served now.</summary>
    public ServingSnapshot Snapshot => Services.GetRequiredService<ServingState>().Current;

    /// <summary>The full path of a file in the zones directory.</summary>
    public string ZoneFile(string name) => Path.Combine(ZonesDirectory, name);

    /// <summary>
    /// Starts a server for the given zone files (file name → text) plus extra settings; <paramref name="settingsFile"/>
    /// replaces the program's appsettings.json (the settings given here still win over it). Without one, no
    /// settings file is read: the built-in defaults apply and no pool is declared, so a test's pools are the
    /// ones it names (the shipped appsettings.json declares the example's pool, which would be probed).
    /// </summary>
    public static async Task<TestServer> StartAsync(
        IReadOnlyDictionary<string, string> zoneFiles, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null,
        string? settingsFile = null)
    {
        var directory = Directory.CreateTempSubdirectory("dnslb-zones-").FullName;
        settingsFile ??= Path.Combine(directory, "no-settings-file.json"); // never created
        var drain = directory + "-drain"; // beside the zones, not in them: their watcher would see drain files
        foreach (var (name, text) in zoneFiles)
            await File.WriteAllTextAsync(Path.Combine(directory, name), text);
        var all = new Dictionary<string, string?>
        {
            ["Dns:Port"] = "0",
            ["Dns:Listen:0"] = "127.0.0.1",
            ["Dns:UdpSocketsPerAddress"] = "2",
            ["Dns:ZonesDirectory"] = directory,
            ["Drain:Directory"] = drain,
            ["Secondary:Directory"] = directory + "-secondary",
            ["Status:Listen"] = "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var log = new LogCapture();
        var host = DnsLbHost.Build([], config => config.AddInMemoryCollection(all), replace: services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            replace?.Invoke(services);
        }, settingsFile: settingsFile);
        var problem = DnsLbHost.Prepare(host);
        Assert.True(problem is null, problem);
        await host.StartAsync();
        var secondary = all["Secondary:Directory"]!;
        return new TestServer(host, directory, all["Drain:Directory"]!, secondary, secondary == directory + "-secondary", log);
    }

    public static Task<TestServer> StartWithZoneAsync(string fileName) =>
        StartAsync(new Dictionary<string, string> { [Path.GetFileName(fileName)] = File.ReadAllText(fileName) });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        foreach (var folder in new[] { ZonesDirectory, DrainDirectory, _ownSecondaryDirectory })
        {
            try
            {
                if (folder is not null && Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
