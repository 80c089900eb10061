using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>The program as an operator runs it: start-up lines, clear one-line errors, clean stop.</summary>
public sealed class ProgramTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;

    [Fact]
    public void Start_LogsEachZoneAndListener_AnswersQueries_AndStopsOnSigterm()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        var listening = server.WaitForOutput(@"listening on 127\.0\.0\.1:(\d+)");
        Assert.Matches(@"zone example\.com\. loaded: \d+ records, serial 2026112101", server.Output);
        int port = int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(3, DnsTestClient.Udp(port, "twopir.example.com.", RecordType.A).Answers.Count);
        Assert.Equal(3, DnsTestClient.Tcp(port, "twopir.example.com.", RecordType.A).Answers.Count);
        // The command-line list replaced the default ["0.0.0.0", "::"] whole: only one listener.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server.Output, "listening on"));

        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void Start_OnAPortInUse_ExitsWithOneClearLine()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        using var server = ServerProcess.Start($"--Dns:Port={port}", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");

        Assert.Equal(2, server.WaitForExit());
        var line = Assert.Single(server.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot listen on port {port}: it is already in use", line);
        Assert.Contains("--Dns:Port=", line);
    }

    [Fact]
    public void Start_WithAnInvalidSetting_NamesTheSetting()
    {
        using var server = ServerProcess.Start("--Dns:Port=70000", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        Assert.Equal(2, server.WaitForExit());
        Assert.Contains("Port", server.Error);
        Assert.Contains("70000", server.Error + server.Output);
    }

    [Fact]
    public void Start_WithAnAddressThatIsNotAnAddress_SaysSo()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=localhost", $"--Dns:ZonesDirectory={Zones}");
        Assert.Equal(2, server.WaitForExit());
        Assert.Contains("Dns:Listen: 'localhost' is not an IP address", server.Error);
    }

    [Fact]
    public void Start_WithoutTheZonesDirectory_SaysWhichSettingToFix()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", "--Dns:ZonesDirectory=/nonexistent/zones");
        Assert.Equal(2, server.WaitForExit());
        Assert.Contains("Dns:ZonesDirectory", server.Error);
    }

    [Fact]
    public void Start_WithInvalidPoolSettings_RefusesToStart_NamingEachSetting()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}",
            "--Pools:twopir.example.com:Rise=0", "--Pools:twopir.example.com:MaxAnswers=1", "--Pools:twopir.example.com:Probe:Kind=Tcp",
            "--Pools:other.example.com:Probe:Kind=Gopher");
        Assert.Equal(2, server.WaitForExit());
        Assert.Contains("Pools:twopir.example.com:Rise = 0", server.Error);
        Assert.Contains("Pools:twopir.example.com:MaxAnswers = 1", server.Error);
        Assert.Contains("Pools:twopir.example.com:Probe:Port: a Tcp probe needs the port", server.Error);
        Assert.Contains("'Gopher' at 'Pools:other.example.com:Probe:Kind'", server.Error);
    }

    [Fact]
    public void Start_WithAPoolThatHasNoRecords_WarnsAndServes()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}",
            "--Pools:nothing.example.com:Probe:Kind=Tcp", "--Pools:nothing.example.com:Probe:Port=9");
        server.WaitForOutput("listening on");
        Assert.Contains("WRN pool nothing.example.com: no A or AAAA records at this name in any zone", server.Output);
        Assert.Equal(0, server.Stop());
    }
}
