using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthProbe.Probes;
using HealthProbe.Tests.Support;

namespace HealthProbe.Tests.Probes;

/// <summary>The HTTP probe's own HTTP/1.1: what it sends, and servers that answer something else than a status line.</summary>
public sealed class HttpProbeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A server that reads one request, records it, writes <paramref name="reply"/> and closes.</summary>
    private static async Task<(ProbeResult Result, string Request, int Port)> ProbeOneShot(byte[] reply, ProbeOptions? options = null)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var served = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var request = new StringBuilder();
            var buffer = new byte[1024];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int read = await client.ReceiveAsync(buffer);
                if (read == 0)
                    break;
                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            await client.SendAsync(reply);
            client.Shutdown(SocketShutdown.Both);
            return request.ToString();
        });
        options ??= new ProbeOptions { Kind = ProbeKind.Http };
        options.Port = port;
        using var cancel = new CancellationTokenSource(Patience);
        var result = await ProbeFactory.Create(options).ProbeAsync(IPAddress.Loopback, cancel.Token);
        return (result, await served.WaitAsync(Patience), port);
    }

    [Fact]
    public async Task Probe_SendsAGetOfThePath_WithHostAndPort_AndAsksToClose()
    {
        var (result, request, port) = await ProbeOneShot("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray(), new ProbeOptions { Kind = ProbeKind.Http, Path = "/health?full=1" });
        Assert.True(result.Success, result.Reason);
        Assert.Equal("HTTP 204", result.Reason);
        var lines = request.Split("\r\n");
        Assert.Equal("GET /health?full=1 HTTP/1.1", lines[0]);
        Assert.Contains($"Host: 127.0.0.1:{port}", lines); // the probe's port, not the scheme's 80
        Assert.Contains("Connection: close", lines);
    }

    [Fact]
    public async Task Probe_OfAServerThatAnswersSomethingElse_FailsWithInvalidResponse()
    {
        var (result, _, _) = await ProbeOneShot("SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray());
        Assert.False(result.Success);
        Assert.Equal("invalid HTTP response", result.Reason);
        Assert.Equal(Evidence.Definitive, result.Evidence); // the node's server said so: confirmed at once
    }

    [Fact]
    public async Task Probe_OfAServerThatClosesWithoutAnswering_SaysSo()
    {
        var (result, _, _) = await ProbeOneShot([]);
        Assert.False(result.Success);
        Assert.Equal("connection closed before a response", result.Reason);
        Assert.Equal(Evidence.Definitive, result.Evidence); // the node's server said so: confirmed at once
    }

    [Fact]
    public async Task Probe_OfAnHttp10ServerWithAnUnexpectedStatus_FailsWithThatStatus()
    {
        var (result, _, _) = await ProbeOneShot("HTTP/1.0 503 Service Unavailable\r\nRetry-After: 5\r\n\r\n"u8.ToArray());
        Assert.False(result.Success);
        Assert.Equal("HTTP 503, expected 200-399", result.Reason);
        Assert.Equal(Evidence.Definitive, result.Evidence); // the node's server said so: confirmed at once
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK", 200)]
    [InlineData("HTTP/1.1 200 OK\r", 200)]
    [InlineData("HTTP/1.0 404 Not Found", 404)]
    [InlineData("HTTP/1.1 204", 204)]
    [InlineData("HTTP/1.1 204\r", 204)]
    [InlineData("HTTP/2 200 OK", null)]
    [InlineData("HTTP/1.1 2000 OK", null)]
    [InlineData("HTTP/1.1 2x0 OK", null)]
    [InlineData("HTTP/1.1  200 OK", null)]
    [InlineData("ICY 200 OK", null)]
    [InlineData("", null)]
    public void ParseStatusLine_ReadsTheCode_OfAStatusLineOnly(string line, int? expected) =>
        Assert.Equal(expected, HttpProbe.ParseStatusLine(Encoding.ASCII.GetBytes(line)));
}
