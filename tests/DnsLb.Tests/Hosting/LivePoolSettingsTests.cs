using System.Globalization;
using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using HealthProbe.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Hosting;

/// <summary>
/// The Pools section of the settings file applies while DnsLb runs: a pool added, changed or removed by
/// saving the file takes effect at once, after the same checks as at start. A change that fails them (a
/// misspelt section, JSON that does not parse, a value out of range) is refused with a line saying where
/// and why, and the running pools stay. Other sections wait for a restart, and the log says so.
/// </summary>
public sealed class LivePoolSettingsTests : IDisposable
{
    private const string Name = "plain.example.com";
    private readonly string _settings = Path.Combine(Directory.CreateTempSubdirectory("dnslb-settings-").FullName, "dnslb.json");

    private static string Zone => TestZones.Header + "plain IN A 127.0.0.11\nplain IN A 127.0.0.12\nplain IN A 127.0.0.13\n";

    // Fall 10: a node that answers stays up through a few probes lost to a machine stalled by the tests beside
    // (answers are compared exactly); on the same line as RecheckMs, so the line numbers in the errors stay.
    private static string PoolJson(int port, string extra = "") => $$"""
        {
          "Pools": {
            "{{Name}}": {
              "Probe": { "Kind": "Tcp", "Port": {{port.ToString(CultureInfo.InvariantCulture)}} },
              "IntervalMs": 200,
              "RecheckMs": 50, "Fall": 10{{extra}}
            }
          }
        }
        """;

    private static string[] Answer(TestServer server) =>
        [.. DnsTestClient.Udp(server.Port, Name + ".", RecordType.A).Answers.Select(a => a.Data.ToString()).Order(StringComparer.Ordinal)];

    private static bool Probed(TestServer server) =>
        server.Services.GetRequiredService<HealthRegistry>().TryGet(Name, IPAddress.Parse("127.0.0.13"), out _);

    private async Task<TestServer> StartAsync(string json)
    {
        await File.WriteAllTextAsync(_settings, json);
        return await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = Zone }, settingsFile: _settings);
    }

    private async Task SaveAndWaitFor(TestServer server, string json, string line)
    {
        await File.WriteAllTextAsync(_settings, json);
        await Eventually.True(() => server.Log.Contains(line), $"log line: {line}\n{string.Join("\n", server.Log.Lines)}");
    }

    [Fact]
    public async Task PoolAddedAndRemovedInTheSettingsFile_AppliesWhileRunning()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12");
        await using var server = await StartAsync("""{ "Pools": {} }""");
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Answer(server));

        await File.WriteAllTextAsync(_settings, PoolJson(backends.Port));
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.12"]), "127.0.0.13 (no web node) excluded by the new pool");
        Assert.True(server.Log.Contains($"INF pool {Name} added by a settings change: probe TCP connect :{backends.Port}"), string.Join("\n", server.Log.Lines));

        await File.WriteAllTextAsync(_settings, """{ "Pools": {} }""");
        await Eventually.True(() => Answer(server).Length == 3, "the name answered as written again");
        Assert.False(Probed(server));
        Assert.True(server.Log.Contains($"INF pool {Name} removed by a settings change"));
    }

    [Fact]
    public async Task InvalidChanges_AreRefusedWithWhereAndWhy_AndTheRunningPoolsStay()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12");
        await using var server = await StartAsync(PoolJson(backends.Port));
        await Eventually.True(() => Answer(server).SequenceEqual(["127.0.0.11", "127.0.0.12"]), "127.0.0.13 excluded");
        var refused = $"ERR settings change in {_settings} refused; the running settings stay until the file is fixed";

        // A misspelt section: applied, it would drop the pool and answer 127.0.0.13 again.
        await SaveAndWaitFor(server, """{ "Pols": {} }""", $"ERR invalid setting: Pols ({_settings}:1): unknown section (check the spelling)");
        Assert.True(server.Log.Contains(refused));
        Assert.Equal(["127.0.0.11", "127.0.0.12"], Answer(server));
        Assert.True(Probed(server), string.Join("\n", server.Log.Lines));

        await SaveAndWaitFor(server, "{ \"Pools\": {\n  \"x\": 1,,\n}", $"ERR {_settings}:2: ");
        Assert.Equal(["127.0.0.11", "127.0.0.12"], Answer(server));

        await SaveAndWaitFor(server, PoolJson(backends.Port, ",\n      \"Rise\": 0"),
            $"ERR invalid setting: Pools:{Name}:Rise = 0 ({_settings}:7): must be a whole number from 1 to 100");
        Assert.Equal(["127.0.0.11", "127.0.0.12"], Answer(server));

        // Fixed: the valid file applies, here with nothing but the pool's settings changed.
        await SaveAndWaitFor(server, PoolJson(backends.Port, ",\n      \"Rise\": 3"), $"INF pool {Name}: settings changed, now probe TCP connect :{backends.Port}; each node keeps its state");
        Assert.Equal(["127.0.0.11", "127.0.0.12"], Answer(server));
    }

    [Fact]
    public async Task ChangeOutsidePools_IsLoggedAsWaitingForARestart()
    {
        await using var server = await StartAsync("""{ "Pools": {} }""");
        await SaveAndWaitFor(server, """{ "Pools": {}, "Dns": { "MaxTcpConnections": 9 } }""",
            "WRN settings of Dns changed; they take effect when DnsLb restarts (only Pools apply at once)");
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_settings)!, recursive: true);
}
