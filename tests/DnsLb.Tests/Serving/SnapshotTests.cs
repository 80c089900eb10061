using System.Globalization;
using DnsLb.Answering;
using DnsLb.Balancing;
using DnsLb.Protocol;
using DnsLb.Serving;
using DnsLb.Tests.Support;
using DnsLb.Zones;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Serving;

/// <summary>
/// One snapshot holds everything a query reads: the zones and the pools' plans made for them. A query that
/// took a snapshot answers from it alone, however many reloads happen meanwhile, and no snapshot ever pairs
/// zones with plans made for others (the bug this replaced: plans were published before their zones, so a
/// query in between answered a pool in zone order, dead nodes included).
/// </summary>
public sealed class SnapshotTests
{
    private const string Pool = "twopir.example.com";

    private static string ZoneText(uint serial, int ttl) =>
        TestZones.Header.Replace(" 1 3600 ", $" {serial} 3600 ", StringComparison.Ordinal)
        + $"twopir {ttl} IN A 127.0.0.11\ntwopir {ttl} IN A 127.0.0.12\ntwopir {ttl} IN A 127.0.0.13\n";

    private static Task<TestServer> StartAsync(Backends backends) =>
        TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = ZoneText(1, 5) }, new Dictionary<string, string?>
        {
            [$"Pools:{Pool}:Probe:Kind"] = "Tcp",
            [$"Pools:{Pool}:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture),
            [$"Pools:{Pool}:IntervalMs"] = "200",
            [$"Pools:{Pool}:RecheckMs"] = "50",
            ["Dns:ZonesRescanSeconds"] = "0",
        });

    /// <summary>Answers A for the pool from <paramref name="snapshot"/>, as the query path does with the one it read.</summary>
    private static string[] AnswerFrom(TestServer server, ServingSnapshot snapshot)
    {
        var answerer = server.Services.GetRequiredService<AuthoritativeAnswerer>();
        var buffer = new byte[4096];
        var name = DnsName.Parse(Pool + ".");
        var writer = new DnsMessageWriter(buffer);
        Assert.True(writer.TryWriteQuestion(name.Wire, RecordType.A, (ushort)RecordClass.IN));
        Assert.Equal(AnswerStatus.Answered, answerer.Answer(snapshot.Zones, snapshot.Addresses, name.Wire, name.LowerWire, RecordType.A, ref writer).Status);
        var length = writer.Finish();
        return [.. DnsTestClient.Parse(buffer[..length]).Answers.Select(a => a.Data.ToString()).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task QueryHoldingThePreviousSnapshot_GetsItsPoolsSelection_AfterAReload()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12");
        await using var server = await StartAsync(backends);
        await Eventually.True(() => AnswerFrom(server, server.Snapshot).SequenceEqual(["127.0.0.11", "127.0.0.12"]), "127.0.0.13 (no web node) excluded");
        var before = server.Snapshot;

        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), ZoneText(2, 6));
        server.Services.GetRequiredService<Reloader>().Reload(ReloadKinds.All);
        Assert.NotSame(before, server.Snapshot);

        // The zones of the old snapshot are answered with the plans made for them: the dead node stays out.
        Assert.Equal(["127.0.0.11", "127.0.0.12"], AnswerFrom(server, before));
        Assert.Equal(["127.0.0.11", "127.0.0.12"], AnswerFrom(server, server.Snapshot));
    }

    [Fact]
    public async Task EverySnapshotSeenDuringReloads_PairsItsZonesWithPlansForExactlyThosePoolRRsets()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartAsync(backends);
        var reloader = server.Services.GetRequiredService<Reloader>();
        var name = DnsName.Parse(Pool + ".");
        using var stop = new CancellationTokenSource();
        long checkedSnapshots = 0;
        var mismatches = new List<string>();

        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var snapshot = server.Snapshot;
                var expected = PoolMembership.AddressSets(snapshot.Zones, name);
                var plans = (snapshot.Addresses as PoolAddressSelector)?.Plans;
                if (plans is null || expected.Count != plans.Count || !expected.All(plans.ContainsKey))
                    lock (mismatches) mismatches.Add($"snapshot {snapshot.Version}");
                Interlocked.Increment(ref checkedSnapshots);
            }
        });
        for (uint serial = 2; serial <= 60; serial++)
        {
            await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), ZoneText(serial, (int)serial));
            reloader.Reload(ReloadKinds.All);
            Assert.Equal(serial, Assert.Single(server.Snapshot.Zones.Zones).Serial);
        }
        await stop.CancelAsync();
        await reader;

        Assert.True(Interlocked.Read(ref checkedSnapshots) > 0);
        Assert.Empty(mismatches);
    }
}
