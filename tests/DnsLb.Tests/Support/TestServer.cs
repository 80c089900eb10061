using DnsLb.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Tests.Support;

/// <summary>
/// A real DnsLb host on an ephemeral loopback port, serving the zone files of a temporary folder.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly IHost _host;

    private TestServer(IHost host, string zonesDirectory)
    {
        _host = host;
        ZonesDirectory = zonesDirectory;
    }

    public int Port => DnsLbHost.BoundPort(_host);

    public string ZonesDirectory { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a server for the given zone files (file name → text) plus extra settings.</summary>
    public static async Task<TestServer> StartAsync(
        IReadOnlyDictionary<string, string> zoneFiles, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var directory = Directory.CreateTempSubdirectory("dnslb-zones-").FullName;
        foreach (var (name, text) in zoneFiles)
            await File.WriteAllTextAsync(Path.Combine(directory, name), text);
        var all = new Dictionary<string, string?>
        {
            ["Dns:Port"] = "0",
            ["Dns:Listen:0"] = "127.0.0.1",
            ["Dns:UdpSocketsPerAddress"] = "2",
            ["Dns:ZonesDirectory"] = directory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var host = DnsLbHost.Build([], config => config.AddInMemoryCollection(all), replace: replace);
        var problem = DnsLbHost.Prepare(host);
        Assert.True(problem is null, problem);
        await host.StartAsync();
        return new TestServer(host, directory);
    }

    public static Task<TestServer> StartWithZoneAsync(string fileName) =>
        StartAsync(new Dictionary<string, string> { [Path.GetFileName(fileName)] = File.ReadAllText(fileName) });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(ZonesDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
