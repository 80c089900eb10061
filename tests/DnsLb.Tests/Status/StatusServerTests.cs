using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Status;
using DnsLb.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Status;

/// <summary>The endpoint is optional: a taken port or an empty Listen is one log line, and DNS is served all the same.</summary>
public sealed class StatusServerTests
{
    [Fact]
    public async Task Start_OnAPortInUse_ServesNoPage_AndTheLogSaysWhy()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var status = await StatusHarness.StartAsync(new Dictionary<string, string?> { ["Status:Listen"] = $"127.0.0.1:{port}" });
        Assert.Null(status.BaseAddress);
        var line = Assert.Single(status.Log.Messages(LogLevel.Error));
        Assert.Equal(
            $"status page not served: cannot listen on 127.0.0.1:{port}: the address is already in use by another program (another DnsLb?); " +
            "DNS is served without it (set Status:Listen to a free address and port, or to empty to turn the page off)",
            line);
    }

    [Fact]
    public async Task Start_WithListenEmpty_ServesNoPage_AndSaysItIsOff()
    {
        await using var status = await StatusHarness.StartAsync(new Dictionary<string, string?> { ["Status:Listen"] = "" });
        Assert.Null(status.BaseAddress);
        Assert.Contains("status page off (Status:Listen is empty)", status.Log.Messages());
    }

    [Fact]
    public async Task Start_OnAFreePort_SaysWhereThePageIs()
    {
        await using var status = await StatusHarness.StartAsync();
        Assert.Contains($"status page at http://127.0.0.1:{status.BaseAddress!.Port}/ (JSON at /api/status, Prometheus metrics at /metrics)", status.Log.Messages());
    }

    [Fact]
    public async Task DnsLb_WhoseStatusPortIsTaken_StillAnswersDns()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var listen = $"127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        await using var server = await TestServer.StartAsync(
            new Dictionary<string, string> { ["example.com.zone"] = await File.ReadAllTextAsync(TestPaths.ExampleZone) },
            new Dictionary<string, string?> { ["Status:Listen"] = listen });

        Assert.Null(server.Services.GetRequiredService<StatusServer>().EndPoint);
        Assert.Contains(server.Log.Lines, m => m.StartsWith($"ERR status page not served: cannot listen on {listen}: the address is already in use", StringComparison.Ordinal));
        var answer = DnsTestClient.Udp(server.Port, "ns1.example.com.", RecordType.A);
        Assert.Equal(ResponseCode.NoError, (ResponseCode)answer.Header.ResponseCode);
        Assert.NotEmpty(answer.Answers);
    }
}
