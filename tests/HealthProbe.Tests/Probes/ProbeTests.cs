using System.Net;
using System.Net.Sockets;
using HealthProbe.Probes;
using HealthProbe.Tests.Support;

namespace HealthProbe.Tests.Probes;

/// <summary>Probes against real servers on loopback.</summary>
public sealed class ProbeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<ProbeResult> Probe(ProbeOptions options, IPAddress address, TimeSpan? timeout = null)
    {
        var probe = ProbeFactory.Create(options);
        using var cancel = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            return await probe.ProbeAsync(address, cancel.Token);
        }
        finally
        {
            (probe as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public async Task Tcp_ListenerUp_Succeeds_ThenDown_FailsWithConnectionRefused()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var options = new ProbeOptions { Kind = ProbeKind.Tcp, Port = port };

        Assert.True((await Probe(options, IPAddress.Loopback)).Success);
        listener.Dispose();
        var down = await Probe(options, IPAddress.Loopback);
        Assert.False(down.Success);
        Assert.Equal("connection refused", down.Reason);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(302, true)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task Http_Status_IsJudgedByTheDefaultRange(int status, bool healthy)
    {
        using var server = new LoopbackHttpServer { Status = status };
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port }, server.Address);
        Assert.Equal(healthy, result.Success);
        Assert.StartsWith($"HTTP {status}", result.Reason);
    }

    [Fact]
    public async Task Http_ExpectedStatus_CanBeNarrowed()
    {
        using var server = new LoopbackHttpServer { Status = 302 };
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port, ExpectedStatus = "200-299" }, server.Address);
        Assert.False(result.Success);
        Assert.Equal("HTTP 302, expected 200-299", result.Reason);
    }

    [Fact]
    public async Task Http_ServerThatNeverAnswers_IsCutOffByTheTimeout()
    {
        using var server = new LoopbackHttpServer { Hang = true };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port }, server.Address, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Http_NothingListening_FailsWithConnectionRefused()
    {
        using var server = new LoopbackHttpServer();
        int port = server.Port;
        server.Dispose();
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = port }, IPAddress.Loopback);
        Assert.False(result.Success);
        Assert.Equal("connection refused", result.Reason);
    }

    [Fact]
    public async Task Http_ConnectionResetByTheNode_IsDefinitive()
    {
        using var server = new LoopbackHttpServer { ResetEveryOther = true };
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port }, server.Address);
        Assert.False(result.Success);
        Assert.Equal("connection reset", result.Reason);
        Assert.Equal(Evidence.Definitive, result.Evidence);
    }

    [Fact]
    public async Task Results_ThatTheNodeAnswered_AreDefinitive()
    {
        using var ok = new LoopbackHttpServer();
        using var error = new LoopbackHttpServer { Status = 503 };
        using var closed = new LoopbackHttpServer();
        int closedPort = closed.Port;
        closed.Dispose();
        Assert.Equal(Evidence.Definitive, (await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = ok.Port }, ok.Address)).Evidence);
        Assert.Equal(Evidence.Definitive, (await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = error.Port }, error.Address)).Evidence);
        Assert.Equal(Evidence.Definitive, (await Probe(new ProbeOptions { Kind = ProbeKind.Tcp, Port = closedPort }, IPAddress.Loopback)).Evidence);
        Assert.Equal(Evidence.Definitive, (await Probe(new ProbeOptions { Kind = ProbeKind.Tcp, Port = ok.Port }, ok.Address)).Evidence);
    }

    [Fact]
    public async Task Http_HostHeader_IsSent_AndPathIsRequested()
    {
        using var server = new LoopbackHttpServer("127.0.0.2");
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Http, Port = server.Port, Host = "www.example.test", Path = "/health" }, server.Address);
        Assert.True(result.Success);
        Assert.Equal("www.example.test", server.LastHost);
    }

    [Fact]
    public async Task Https_SelfSignedCertificate_IsRejectedByDefault()
    {
        using var server = new LoopbackHttpServer(tls: true);
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Https, Port = server.Port }, server.Address);
        Assert.False(result.Success);
        Assert.Contains("TLS", result.Reason);
    }

    [Fact]
    public async Task Https_SelfSignedCertificate_IsAccepted_WithTheOption()
    {
        using var server = new LoopbackHttpServer(tls: true);
        var result = await Probe(new ProbeOptions { Kind = ProbeKind.Https, Port = server.Port, AcceptAnyCertificate = true }, server.Address);
        Assert.True(result.Success, result.Reason);
        Assert.Equal("HTTP 200", result.Reason);
    }

    [Theory]
    [InlineData(ProbeKind.Tcp, 0, "/", "200-399", "Port", "a Tcp probe needs the port")]
    [InlineData(ProbeKind.Http, 70000, "/", "200-399", "Port", "must be a port")]
    [InlineData(ProbeKind.Http, 80, "health", "200-399", "Path", "must start with '/'")]
    [InlineData(ProbeKind.Http, 80, "/", "399-200", "ExpectedStatus", "a range such as 200-399")]
    [InlineData(ProbeKind.Http, 80, "/", "abc", "ExpectedStatus", "a range such as 200-399")]
    public void Validate_BadOptions_NameTheSetting(ProbeKind kind, int port, string path, string status, string setting, string expected)
    {
        var options = new ProbeOptions { Kind = kind, Port = port, Path = path, ExpectedStatus = status };
        var problem = Assert.Single(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        Assert.Equal([setting], problem.MemberNames);
        Assert.Contains(expected, problem.ErrorMessage);
    }

    [Fact]
    public void Validate_GoodOptions_FindNothing() =>
        Assert.Empty(new ProbeOptions { Kind = ProbeKind.Tcp, Port = 22 }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())));

    [Fact]
    public void EffectivePort_DefaultsByKind()
    {
        Assert.Equal(80, new ProbeOptions { Kind = ProbeKind.Http }.EffectivePort);
        Assert.Equal(443, new ProbeOptions { Kind = ProbeKind.Https }.EffectivePort);
        Assert.Equal(8080, new ProbeOptions { Kind = ProbeKind.Https, Port = 8080 }.EffectivePort);
    }
}
