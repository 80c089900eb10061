using System.Globalization;
using System.Net;
using DnsLb.Protocol;
using DnsLb.Status;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// A drain belongs to a node of a pool, not to one version of the zone or the settings: it stays through
/// zone edits and pool settings changes for every node that stays; a node that joins while its drain file
/// exists is never answered; a node that leaves its pool leaves its API drain behind.
/// </summary>
public sealed class DrainAcrossReloadsTests : IDisposable
{
    private readonly string _settings = Path.Combine(Directory.CreateTempSubdirectory("dnslb-settings-").FullName, "dnslb.json");

    private static string Zone(int serial, params string[] nodes) =>
        LiveServer.Zone.Replace("2026112101", serial.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("twopir 1 IN A 127.0.0.11\ntwopir 1 IN A 127.0.0.12\ntwopir 1 IN A 127.0.0.13\n",
                string.Concat(nodes.Select(n => $"twopir 1 IN A {n}\n")), StringComparison.Ordinal);

    private static string Settings(int port, int intervalMs) => $$"""
        { "Pools": { "{{LiveServer.Pool}}": { "Probe": { "Kind": "Tcp", "Port": {{port}} }, "IntervalMs": {{intervalMs}}, "RecheckMs": 50 } } }
        """;

    private static string[] Answered(TestServer server) =>
        [.. DnsTestClient.Udp(server.Port, LiveServer.Pool + ".", RecordType.A).Answers.Select(a => a.Data.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Drains_StayThroughZoneEditsAndSettingsChanges_ForNodesThatStay()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");
        await File.WriteAllTextAsync(_settings, Settings(backends.Port, 200));
        await using var server = await TestServer.StartAsync(
            new Dictionary<string, string> { ["example.com.zone"] = Zone(1, "127.0.0.11", "127.0.0.12", "127.0.0.13") },
            new Dictionary<string, string?> { ["Status:Listen"] = "127.0.0.1:0", ["Drain:RescanSeconds"] = "1" },
            settingsFile: _settings);
        using var http = new HttpClient { BaseAddress = server.StatusAddress };
        (await http.PostAsync($"api/pools/{LiveServer.Pool}/members/127.0.0.12/drain", null)).EnsureSuccessStatusCode();
        Directory.CreateDirectory(server.DrainDirectory);
        await File.WriteAllTextAsync(Path.Combine(server.DrainDirectory, "127.0.0.14"), "");
        await Eventually.True(() => server.Log.Contains("127.0.0.14 is a node of no pool; it is drained if it joins one"), "the file read");
        Assert.Equal(["127.0.0.11", "127.0.0.13"], Answered(server));

        // A node added by an edit whose drain file exists: drained from its first answer on.
        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(2, "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14"));
        await Eventually.True(() => server.Log.Contains($"pool {LiveServer.Pool}: node 127.0.0.14 added; probed now, but drained by"), "the node added, drained");
        Assert.Equal(["127.0.0.11", "127.0.0.13"], Answered(server));

        await File.WriteAllTextAsync(_settings, Settings(backends.Port, 300));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetStringAsync("api/status")).Contains("\"intervalMs\":300", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the new pool settings not served within 30 s");
            await Task.Delay(50);
        }
        Assert.Contains(server.Log.Lines, l => l.Contains($"pool {LiveServer.Pool}: settings changed", StringComparison.Ordinal));
        Assert.Equal(["127.0.0.11", "127.0.0.13"], Answered(server));

        // 127.0.0.12 leaves the pool and comes back: its API drain went with it.
        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(3, "127.0.0.11", "127.0.0.13", "127.0.0.14"));
        await Eventually.True(() => server.Log.Contains($"pool {LiveServer.Pool}: node 127.0.0.12 removed"), "the node removed");
        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(4, "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14"));
        await Eventually.True(() => Answered(server).SequenceEqual(["127.0.0.11", "127.0.0.12", "127.0.0.13"]), "the node back, answered");

        File.Delete(Path.Combine(server.DrainDirectory, "127.0.0.14"));
        await Eventually.True(() => Answered(server).Length == 4, "127.0.0.14 undrained");
        var member = await MemberAsync(http, "127.0.0.14");
        Assert.Null(member.Drain);
    }

    private static async Task<MemberStatus> MemberAsync(HttpClient http, string address)
    {
        var json = await http.GetStringAsync("api/status");
        var document = System.Text.Json.JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument)!;
        return document.Pools.Single().Members.Single(m => m.Address == address);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_settings)!, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
