using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Serving;

/// <summary>
/// Zone files changed under a running server, as an operator changes them: saved in place, saved the way
/// editors do (a temporary file renamed over the old one), added, removed, broken and fixed. The server
/// watches the folder; each test waits (bounded) for the answer to change, or for the log line that says
/// why it does not.
/// </summary>
public sealed class LiveReloadTests
{
    private static string Zone(uint serial, string records, string origin = "example.com.") =>
        $"$ORIGIN {origin}\n$TTL 300\n@ IN SOA ns1 hostmaster {serial} 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n{records}";

    private static Task<TestServer> StartAsync(params (string File, string Text)[] files) =>
        TestServer.StartAsync(files.ToDictionary(f => f.File, f => f.Text));

    /// <summary>The sorted addresses answered for <paramref name="name"/>, or the rcode when it is not NOERROR.</summary>
    private static string[] A(TestServer server, string name)
    {
        var answer = DnsTestClient.Udp(server.Port, name, RecordType.A);
        return answer.ResponseCode != 0
            ? [$"rcode {answer.ResponseCode}"]
            : [.. answer.Answers.Where(r => r.Type == RecordType.A).Select(r => r.Data.ToString()).Order(StringComparer.Ordinal)];
    }

    private static uint Serial(TestServer server, string zone) =>
        ((DnsLb.Protocol.RecordData.SoaData)Assert.Single(DnsTestClient.Udp(server.Port, zone, RecordType.SOA).Answers).Data).Serial;

    private static Task Served(TestServer server, string name, params string[] addresses) =>
        Eventually.True(() => A(server, name).SequenceEqual(addresses), $"{name} answered {string.Join(", ", addresses)}");

    [Fact]
    public async Task EditInPlace_IsServedWithoutARestart()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(1, "www IN A 127.0.0.2\n")));
        Assert.Equal(["127.0.0.2"], A(server, "www.example.com."));

        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(2, "www IN A 127.0.0.3\nwww IN A 127.0.0.4\n"));

        await Served(server, "www.example.com.", "127.0.0.3", "127.0.0.4");
        Assert.Equal(2u, Serial(server, "example.com."));
        Assert.True(server.Log.Contains("INF zone example.com. reloaded: 5 records, serial 2, was 1"), string.Join("\n", server.Log.Lines));
    }

    [Fact]
    public async Task EditorSave_ATemporaryFileRenamedOverTheZoneFile_IsServed()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(1, "www IN A 127.0.0.2\n")));
        var temporary = server.ZoneFile(".example.com.zone.swp");
        await File.WriteAllTextAsync(temporary, Zone(2, "www IN A 127.0.0.3\n"));
        File.Move(temporary, server.ZoneFile("example.com.zone"), overwrite: true);
        await Served(server, "www.example.com.", "127.0.0.3");
    }

    [Fact]
    public async Task NewZoneFile_IsServed_AndDeletingIt_StopsServingItsZone()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(1, "www IN A 127.0.0.2\n")));
        Assert.Equal(["rcode 5"], A(server, "www.example.org."));

        await File.WriteAllTextAsync(server.ZoneFile("example.org.zone"), Zone(7, "www IN A 127.0.0.9\n", "example.org."));
        await Served(server, "www.example.org.", "127.0.0.9");

        File.Delete(server.ZoneFile("example.org.zone"));
        await Served(server, "www.example.org.", "rcode 5");
        Assert.True(server.Log.Contains($"WRN zone file {server.ZoneFile("example.org.zone")} is gone: zone example.org. (serial 7) is no longer served"));
        Assert.Equal(["127.0.0.2"], A(server, "www.example.com."));
    }

    [Fact]
    public async Task BrokenEdit_KeepsTheLastGoodZone_AndLogsTheLineAndTheSerialStillServed()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(1, "www IN A 127.0.0.2\n")));
        var file = server.ZoneFile("example.com.zone");

        await File.WriteAllTextAsync(file, Zone(2, "www IN A 127.0.0.3\nbad IN A 999.0.0.1\n"));
        await Eventually.True(() => server.Log.Contains($"zone file {file} rejected (1 error(s)); zone example.com. serial 1 stays in service"), "the rejection logged");

        Assert.True(server.Log.Contains($"ERR {file}:7: '999.0.0.1' is not an IPv4 address"), string.Join("\n", server.Log.Lines));
        Assert.Equal(["127.0.0.2"], A(server, "www.example.com."));
        Assert.Equal(1u, Serial(server, "example.com."));

        await File.WriteAllTextAsync(file, Zone(3, "www IN A 127.0.0.3\n"));
        await Served(server, "www.example.com.", "127.0.0.3");
        Assert.Equal(3u, Serial(server, "example.com."));
    }

    [Fact]
    public async Task EditOfAnIncludedFileInASubfolder_IsServed()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(1, "$INCLUDE parts/nodes.inc\n")));
        Directory.CreateDirectory(server.ZoneFile("parts"));
        await File.WriteAllTextAsync(server.ZoneFile("parts/nodes.inc"), "www IN A 127.0.0.2\n");
        await Served(server, "www.example.com.", "127.0.0.2"); // the include was missing at start: its creation is a change

        await File.WriteAllTextAsync(server.ZoneFile("parts/nodes.inc"), "www IN A 127.0.0.5\n");
        await Served(server, "www.example.com.", "127.0.0.5");
    }

    [Fact]
    public async Task ChangedContent_WithTheSameSerial_IsServed_AndWarnedAbout()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(4, "www IN A 127.0.0.2\n")));
        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(4, "www IN A 127.0.0.3\n"));
        await Served(server, "www.example.com.", "127.0.0.3");
        Assert.True(server.Log.Contains("WRN zone example.com. changed but its serial is still 4"), string.Join("\n", server.Log.Lines));
    }

    [Fact]
    public async Task SerialThatGoesBack_IsServed_AndWarnedAbout()
    {
        await using var server = await StartAsync(("example.com.zone", Zone(5, "www IN A 127.0.0.2\n")));
        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(4, "www IN A 127.0.0.3\n"));
        await Served(server, "www.example.com.", "127.0.0.3");
        Assert.True(server.Log.Contains("WRN zone example.com. serial went back from 5 to 4"), string.Join("\n", server.Log.Lines));
    }

    [Fact]
    public async Task BrokenFileAtStart_IsReported_TheOthersAreServed_AndItsFixIsPickedUp()
    {
        await using var server = await StartAsync(
            ("example.com.zone", Zone(1, "www IN A 127.0.0.2\n")),
            ("example.org.zone", Zone(1, "www IN CNAME x\nwww IN A 127.0.0.3\n", "example.org.")));
        var broken = server.ZoneFile("example.org.zone");
        Assert.True(server.Log.Contains($"ERR zone file {broken} rejected (1 error(s)); it is not served"));
        Assert.True(server.Log.Contains($"ERR 1 zone file(s) rejected, not served: {broken}"));
        Assert.True(server.Log.Contains("INF serving 1 zone(s): example.com. (serial 1)"));

        await File.WriteAllTextAsync(broken, Zone(2, "www IN A 127.0.0.3\n", "example.org."));
        await Served(server, "www.example.org.", "127.0.0.3");
    }

    [Fact]
    public async Task NoZoneThatLoadsAtStart_IsSaidInOneLine_AndAGoodFileLaterIsServed()
    {
        await using var server = await StartAsync(("example.com.zone", "this is not a zone file\n"));
        var line = Assert.Single(server.Log.Lines, l => l.Contains("no zone is served", StringComparison.Ordinal));
        Assert.Equal($"ERR no zone is served: {server.ZonesDirectory} has no *.zone file that loads, so every query is answered REFUSED until one does", line);

        await File.WriteAllTextAsync(server.ZoneFile("example.com.zone"), Zone(1, "www IN A 127.0.0.2\n"));
        await Served(server, "www.example.com.", "127.0.0.2");
    }
}
