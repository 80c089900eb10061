using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// Which of two DnsLb servers answered, as an operator asks it of a running server: <c>dig +nsid</c>
/// (RFC 5001) and <c>dig id.server CH TXT</c> / <c>hostname.bind</c> (RFC 4892), from Dns:ServerId or, by
/// default, the host name.
/// </summary>
public sealed class IdentityLiveTests
{
    private static Task<TestServer> StartAsync(string? serverId) =>
        TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = LiveZone.Text(1) },
            serverId is null ? null : new Dictionary<string, string?> { ["Dns:ServerId"] = serverId });

    [Theory]
    [InlineData("+notcp")]
    [InlineData("+tcp")]
    public async Task DigNsid_ShowsTheConfiguredServerId_BesideTheAnswer(string transport)
    {
        await using var server = await StartAsync("pi-one");
        var (code, output) = KdigRecords.Dig(server.Port, transport, "+nsid", "www.example.com.", "A");
        Assert.True(code == 0, output);
        Assert.Contains("; NSID: 70 69 2d 6f 6e 65 (\"pi-one\")", output, StringComparison.Ordinal);
        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.Contains("ANSWER: 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigNsid_OnARefusedQuery_StillSaysWhichServer()
    {
        await using var server = await StartAsync("pi-one");
        var (_, output) = KdigRecords.Dig(server.Port, "+nsid", "elsewhere.test.", "A");
        Assert.Contains("status: REFUSED", output, StringComparison.Ordinal);
        Assert.Contains("(\"pi-one\")", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryWithoutNsid_GetsNone()
    {
        await using var server = await StartAsync("pi-one");
        var (_, output) = KdigRecords.Dig(server.Port, "www.example.com.", "A");
        Assert.DoesNotContain("NSID", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id.server.")]
    [InlineData("hostname.bind.")]
    public async Task ChaosTxt_AnswersTheServerId(string name)
    {
        await using var server = await StartAsync("pi-two");
        var (code, output) = KdigRecords.Dig(server.Port, "+short", name, "CH", "TXT");
        Assert.True(code == 0, output);
        Assert.Equal("\"pi-two\"", output.Trim());
    }

    [Fact]
    public async Task ServerId_NotSet_IsTheHostName()
    {
        await using var server = await StartAsync(serverId: null);
        Assert.Equal($"\"{Environment.MachineName}\"", KdigRecords.Dig(server.Port, "+short", "id.server.", "CH", "TXT").Output.Trim());
        Assert.Contains($"(\"{Environment.MachineName}\")", KdigRecords.Dig(server.Port, "+nsid", "example.com.", "SOA").Output, StringComparison.Ordinal);
    }
}
