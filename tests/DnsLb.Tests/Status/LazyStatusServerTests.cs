using System.Net.Http;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status;

/// <summary>
/// The program serves DNS without loading what it does not need yet: the status page's HTTP server (Kestrel)
/// starts with the first connection to the page's port; plain HTTP probes need neither HttpClient nor TLS;
/// no webhook means no HTTP client; zone loading needs no OpenSSL. Read from the process's own memory map,
/// as the kernel sees it.
/// </summary>
public sealed class LazyStatusServerTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;

    private static string Maps(int pid) => File.ReadAllText($"/proc/{pid}/maps");

    [Fact]
    public async Task Program_ServingAnHttpProbedPool_LoadsNeitherKestrelNorHttpClientNorTls_UntilThePageIsAsked()
    {
        int statusPort = FreePort.Find();
        int nodePort = FreePort.Find(); // nothing listens there: the probes fail, so a DOWN line says they ran
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}",
            $"--Status:Listen=127.0.0.1:{statusPort}", "--Pools:twopir.example.com:Probe:Kind=Http", $"--Pools:twopir.example.com:Probe:Port={nodePort}");
        var listening = server.WaitForOutput(@"listening on 127\.0\.0\.1:(\d+)");
        Assert.Contains($"status page at http://127.0.0.1:{statusPort}/", server.Output);
        int port = int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Answered (how many addresses depends on how far the failing probes have got: 3, then fewer, then 3 again).
        Assert.NotEmpty(DnsTestClient.Udp(port, "twopir.example.com.", RecordType.A).Answers);
        server.WaitForOutput(@"twopir\.example\.com: 127\.0\.0\.1[123] DOWN"); // a probe has run and failed

        var before = Maps(server.Id);
        Assert.DoesNotContain("Microsoft.AspNetCore.Server.Kestrel.Core.dll", before);
        Assert.DoesNotContain("libcrypto", before);
        Assert.DoesNotContain("libssl", before);
        Assert.DoesNotContain("System.Net.Http.dll", before);
        Assert.DoesNotContain("System.Net.Security.dll", before);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{statusPort}/api/status"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("twopir.example.com", await response.Content.ReadAsStringAsync());
        Assert.Contains("Microsoft.AspNetCore.Server.Kestrel.Core.dll", Maps(server.Id));

        Assert.Equal(0, server.Stop());
    }
}
