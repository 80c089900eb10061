using System.Globalization;
using System.Text.Json;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// The program as an operator runs it from a folder like /etc/dnslb: the status endpoint where
/// Status:Listen says, and the drain directory relative to the working directory (drain/ by default).
/// </summary>
public sealed class StatusProgramTests : IDisposable
{
    private readonly WorkingDirectory _folder = new();

    [Fact]
    public async Task Program_ServesThePage_AndAFileInDrainBesideItDrainsFromTheStart()
    {
        // The shipped settings probe the example's pool on port 8080 of 127.0.0.11–13, where nothing listens here.
        Directory.CreateDirectory(Path.Combine(_folder.Path, "drain"));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "drain", "127.0.0.12"), "");
        int statusPort = FreePort.Find();
        using var server = _folder.Run("--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Status:Listen=127.0.0.1:{statusPort}");
        int port = int.Parse(server.WaitForOutput(@"listening on 127\.0\.0\.1:(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        server.WaitForOutput($@"status page at http://127\.0\.0\.1:{statusPort}/ \(JSON at /api/status, Prometheus metrics at /metrics\)");
        server.WaitForOutput(@"127\.0\.0\.12 DRAINED through the drain directory");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{statusPort}/") };
        var page = await http.GetStringAsync("");
        Assert.Contains("<title>", page);
        using var status = JsonDocument.Parse(await http.GetStringAsync("api/status"));
        var member = status.RootElement.GetProperty("pools")[0].GetProperty("members")[1];
        Assert.Equal("127.0.0.12", member.GetProperty("address").GetString());
        Assert.Equal("file", member.GetProperty("drain").GetProperty("by").GetString());
        Assert.Equal("drain/127.0.0.12", member.GetProperty("drain").GetProperty("file").GetString());
        Assert.True(member.GetProperty("drained").GetBoolean());

        // Every node down (nothing listens on 8080): fail open, without the drained one.
        foreach (var node in new[] { "11", "12", "13" })
            server.WaitForOutput($@"127\.0\.0\.{node} DOWN after");
        var answer = DnsTestClient.Udp(port, "twopir.example.com.", RecordType.A);
        Assert.Equal(["127.0.0.11", "127.0.0.13"], answer.Answers.Select(a => a.Data.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("dnslb_member_drained{pool=\"twopir.example.com\",member=\"127.0.0.12\"} 1", await http.GetStringAsync("metrics"));
        Assert.Equal(0, server.Stop());
    }

    public void Dispose() => _folder.Dispose();
}
