using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// Members=Healthy: a stock secondary is sent what DnsLb would answer, so a killed web node leaves the
/// secondary's answers (a new version with a higher serial, announced by NOTIFY) and comes back when it
/// restarts; a drained node leaves them too. DnsLb's own zone, as other clients see it, keeps the file's serial.
/// </summary>
public sealed class HealthySecondaryTests
{
    private static string[] WwwOn(StockSecondary secondary) => LiveZone.Addresses(secondary.Query("www.example.com.", RecordType.A));

    [Theory]
    [InlineData(SecondaryKind.Knot)]
    [InlineData(SecondaryKind.Nsd)]
    [InlineData(SecondaryKind.Bind)]
    public async Task KilledNode_LeavesTheSecondarysAnswers_AndComesBack(SecondaryKind kind)
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        var address = StockSecondaryTests.AddressOf(kind);
        int port = FreePort.Find(address);
        await using var primary = await LiveZone.StartPrimaryAsync(backends, StockSecondaryTests.Listed(address, port, "Healthy"));
        using var secondary = StockSecondary.Start(kind, LiveZone.Origin, address, port, new IPEndPoint(IPAddress.Loopback, primary.Port));
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(LiveZone.Nodes), $"{kind} answers every node");
        uint before = secondary.Serial(LiveZone.Origin)!.Value;

        backends["127.0.0.42"].Stop();
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(["127.0.0.41", "127.0.0.43"]), $"127.0.0.42 gone from {kind}'s answers");
        uint without = secondary.Serial(LiveZone.Origin)!.Value;
        Assert.True(new DnsLb.Transfer.SerialNumber(without).IsNewerThan(new DnsLb.Transfer.SerialNumber(before)), $"serial {without} after {before}");
        Assert.Equal(["127.0.0.41", "127.0.0.43"], LiveZone.Addresses(secondary.Query("web.example.com.", RecordType.A))); // through the CNAME

        backends["127.0.0.42"].Start();
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(LiveZone.Nodes), $"127.0.0.42 back in {kind}'s answers");
        Assert.True(new DnsLb.Transfer.SerialNumber(secondary.Serial(LiveZone.Origin)!.Value).IsNewerThan(new DnsLb.Transfer.SerialNumber(without)));
    }

    [Fact]
    public async Task DrainedNode_LeavesTheSecondarysAnswers_WhileTheZoneAsWrittenKeepsItsSerial()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        var address = StockSecondaryTests.AddressOf(SecondaryKind.Knot);
        int port = FreePort.Find(address);
        await using var primary = await LiveZone.StartPrimaryAsync(backends, StockSecondaryTests.Listed(address, port, "Healthy"));
        using var secondary = StockSecondary.Start(SecondaryKind.Knot, LiveZone.Origin, address, port, new IPEndPoint(IPAddress.Loopback, primary.Port));
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(LiveZone.Nodes), "Knot answers every node");

        Directory.CreateDirectory(primary.DrainDirectory);
        File.WriteAllText(Path.Combine(primary.DrainDirectory, "127.0.0.43"), "");
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(["127.0.0.41", "127.0.0.42"]), "the drained 127.0.0.43 gone from Knot's answers");
        Assert.True(secondary.Serial(LiveZone.Origin) > 1);
        // Everyone else still sees the zone file's serial: the Healthy versions are the listed secondary's view.
        var soa = DnsTestClient.Udp(primary.Port, DnsMessage.Query("example.com.", RecordType.SOA, 7, 1232), from: "127.0.0.2");
        Assert.Equal(1u, Assert.IsType<DnsLb.Protocol.RecordData.SoaData>(Assert.Single(soa.Answers).Data).Serial);

        File.Delete(Path.Combine(primary.DrainDirectory, "127.0.0.43"));
        await Eventually.True(() => WwwOn(secondary).SequenceEqual(LiveZone.Nodes), "127.0.0.43 back in Knot's answers");
    }

    [Theory]
    [InlineData("All", ResponseCode.NoError, 3)]
    [InlineData("None", ResponseCode.NXDomain, 0)]
    public async Task EveryNodeDown_TheHealthyVersion_FollowsWhenAllDown(string whenAllDown, ResponseCode rcode, int addresses)
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        const string listed = "127.0.0.31";
        var settings = StockSecondaryTests.Listed(listed, FreePort.Find(listed), "Healthy");
        settings[$"Pools:{LiveZone.Pool}:WhenAllDown"] = whenAllDown;
        await using var primary = await LiveZone.StartPrimaryAsync(backends, settings);
        DnsMessage AskAs(string from) => DnsTestClient.Udp(primary.Port, DnsMessage.Query("www.example.com.", RecordType.A, 9, 1232), from: from);

        foreach (var node in backends.Nodes)
            node.Stop();
        await Eventually.True(() => AskAs("127.0.0.2").Answers.Count == (whenAllDown == "All" ? 3 : 0) && LiveZone.Serial(primary, "127.0.0.1") == 1
            && primary.Log.Lines.Count(l => l.Contains(" DOWN after", StringComparison.Ordinal)) == 3, "every node down");
        // What a stock secondary gets, and serves: the version DnsLb answers its own queries from.
        await Eventually.True(() => (ResponseCode)AskAs(listed).ResponseCode == rcode, $"{rcode} in the Healthy version");
        Assert.Equal(addresses, LiveZone.Addresses(AskAs(listed)).Length);
        // DnsLb's own answer to everyone else: every node (fail open), or NODATA.
        Assert.Equal(ResponseCode.NoError, (ResponseCode)AskAs("127.0.0.2").ResponseCode);
    }
}
