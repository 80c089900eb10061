using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// A bad edit keeps the zone's last good version in service, found by the file that held it whatever the
/// zone's origin, and touches no other zone. Each test reloads at once, as SIGHUP does, so that what it
/// asserts after a bad edit is known to come after the reload (the file watcher is tested in LiveReloadTests).
/// </summary>
public sealed class LastGoodZoneTests
{
    private static string Zone(string origin, uint serial, string records) =>
        $"$ORIGIN {origin}\n$TTL 300\n@ IN SOA ns1 hostmaster {serial} 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n{records}";

    private static async Task Reload(TestServer server, string file, string text)
    {
        await File.WriteAllTextAsync(Path.Combine(server.ZonesDirectory, file), text);
        server.Services.GetRequiredService<Reloader>().Reload(ReloadKinds.All);
    }

    private static string[] Addresses(TestServer server, string name)
    {
        var answer = DnsTestClient.Udp(server.Port, name, RecordType.A);
        Assert.Equal(0, answer.ResponseCode);
        return [.. answer.Answers.Select(r => r.Data.ToString()).Order(StringComparer.Ordinal)];
    }

    private static uint Serial(TestServer server, string zone) =>
        ((DnsLb.Protocol.RecordData.SoaData)Assert.Single(DnsTestClient.Udp(server.Port, zone, RecordType.SOA).Answers).Data).Serial;

    [Fact]
    public async Task BadEdit_OfAFileWhoseOriginIsInside_KeepsItsZoneServing()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["whatever.zone"] = Zone("example.org.", 1, "www IN A 127.0.0.2\n"),
        });
        Assert.Equal(["127.0.0.2"], Addresses(server, "www.example.org."));

        await Reload(server, "whatever.zone", Zone("example.org.", 2, "www IN A 127.0.0.3\nbroken IN A 999.0.0.1\n"));
        Assert.Equal(["127.0.0.2"], Addresses(server, "www.example.org."));
        Assert.Equal(1u, Serial(server, "example.org."));

        await Reload(server, "whatever.zone", Zone("example.org.", 3, "www IN A 127.0.0.3\n"));
        Assert.Equal(["127.0.0.3"], Addresses(server, "www.example.org."));
        Assert.Equal(3u, Serial(server, "example.org."));
    }

    [Fact]
    public async Task BadEdit_ThatAlsoChangesTheOrigin_KeepsTheZoneTheFileHeld()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["whatever.zone"] = Zone("example.org.", 1, "www IN A 127.0.0.2\n"),
        });
        await Reload(server, "whatever.zone", Zone("example.net.", 2, "www IN A 999.0.0.1\n"));
        Assert.Equal(["127.0.0.2"], Addresses(server, "www.example.org."));
        Assert.Equal((int)ResponseCode.Refused, DnsTestClient.Udp(server.Port, "www.example.net.", RecordType.A).ResponseCode);
    }

    [Fact]
    public async Task BadEdit_OfOneFile_LeavesEveryOtherZoneToItsOwnFile()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["a.zone"] = Zone("example.org.", 1, "www IN A 127.0.0.2\n"),
            ["example.com.zone"] = Zone("example.com.", 1, "www IN A 127.0.0.4\n"),
            ["z.zone"] = Zone("example.net.", 1, "www IN A 127.0.0.6\n"),
        });

        await File.WriteAllTextAsync(Path.Combine(server.ZonesDirectory, "example.com.zone"), Zone("example.com.", 2, "www IN A 127.0.0.5\n"));
        await Reload(server, "a.zone", Zone("example.org.", 2, "www IN CNAME x\nwww IN A 127.0.0.3\n"));

        Assert.Equal(["127.0.0.2"], Addresses(server, "www.example.org."));
        Assert.Equal(["127.0.0.5"], Addresses(server, "www.example.com."));
        Assert.Equal(["127.0.0.6"], Addresses(server, "www.example.net."));
    }

    [Fact]
    public async Task BrokenFile_ThatNeverLoaded_ServesNothingAndHarmsNoOne()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["example.com.zone"] = Zone("example.com.", 1, "www IN A 127.0.0.4\n"),
            ["new.zone"] = Zone("example.org.", 1, "www IN A 999.0.0.1\n"),
        });
        Assert.Equal(["127.0.0.4"], Addresses(server, "www.example.com."));
        Assert.Equal((int)ResponseCode.Refused, DnsTestClient.Udp(server.Port, "www.example.org.", RecordType.A).ResponseCode);
    }

    [Fact]
    public async Task KeptZone_GivesWayToAGoodFileThatNowHoldsItsOrigin()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["b-old.zone"] = Zone("example.org.", 1, "www IN A 127.0.0.2\n"),
        });
        // The operator moves the zone to a new file and leaves the old one broken.
        await File.WriteAllTextAsync(Path.Combine(server.ZonesDirectory, "a-new.zone"), Zone("example.org.", 2, "www IN A 127.0.0.3\n"));
        await Reload(server, "b-old.zone", "this is not a zone file\n");
        Assert.Equal(["127.0.0.3"], Addresses(server, "www.example.org."));
    }
}
