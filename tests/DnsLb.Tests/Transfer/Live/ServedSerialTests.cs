using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// The served serial never goes backwards (RFC 1982), not even across a restart: an edit saved without
/// raising the serial is served one above the last, a restart with a lower file serial starts above what
/// was served before, and the Healthy versions a stock secondary sees keep climbing through a restart too.
/// </summary>
public sealed class ServedSerialTests : IDisposable
{
    private const string HealthySecondary = "127.0.0.31";
    private readonly string _kept = Directory.CreateTempSubdirectory("dnslb-served-").FullName;

    private Task<TestServer> StartAsync(Backends backends, uint serial, string members = "All") =>
        LiveZone.StartPrimaryAsync(backends, new Dictionary<string, string?>(StockSecondaryTests.Listed(HealthySecondary, FreePort.Find(HealthySecondary), members))
        {
            ["Secondary:Directory"] = _kept,
            ["Transfer:NotifyAttempts"] = "1",
        }, serial);

    private static uint? SerialSeenBy(TestServer server, string from)
    {
        var answer = DnsTestClient.Udp(server.Port, DnsMessage.Query("example.com.", RecordType.SOA, 5, 1232), from: from);
        return answer.Answers is [{ Data: DnsLb.Protocol.RecordData.SoaData soa }] ? soa.Serial : null;
    }

    [Fact]
    public async Task EditWithoutRaisingTheSerial_IsServedAboveTheLast_AndARestartNeverGoesBelowIt()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using (var primary = await StartAsync(backends, serial: 5))
        {
            Assert.Equal(5u, LiveZone.Serial(primary));
            LiveZone.Edit(primary, 5, "new IN A 127.0.0.60");
            await Eventually.True(() => LiveZone.Ask(primary, "new.example.com.", RecordType.A).Answers.Count == 1, "the edit served");
            Assert.Equal(6u, LiveZone.Serial(primary));
        }

        // The same file (serial 5, the edit in it) after a restart: 5 would go back, so one above 6.
        await using (var restarted = await StartAsync(backends, serial: 5, "All"))
            Assert.Equal(7u, LiveZone.Serial(restarted));
        // A file whose serial was raised past it is served as written.
        await using (var raised = await StartAsync(backends, serial: 100))
            Assert.Equal(100u, LiveZone.Serial(raised));
        Assert.Contains("example.com. All 100", File.ReadAllText(Path.Combine(_kept, "served-serials")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthyVersions_KeepClimbing_AcrossARestart()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        uint afterKill;
        await using (var primary = await StartAsync(backends, serial: 1, "Healthy"))
        {
            Assert.Equal(1u, SerialSeenBy(primary, HealthySecondary));
            backends["127.0.0.42"].Stop();
            await Eventually.True(() => SerialSeenBy(primary, HealthySecondary) > 1, "a new Healthy version after the kill");
            afterKill = SerialSeenBy(primary, HealthySecondary)!.Value;
            Assert.Equal(1u, SerialSeenBy(primary, "127.0.0.2")); // anyone else: the zone as written
        }
        backends["127.0.0.42"].Start();

        await using var restarted = await StartAsync(backends, serial: 1, "Healthy");
        Assert.True(SerialSeenBy(restarted, HealthySecondary) > afterKill, $"{SerialSeenBy(restarted, HealthySecondary)} after {afterKill}");
    }

    public void Dispose() => Directory.Delete(_kept, recursive: true);
}
