using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>The program as an operator runs it: start-up lines, clear one-line errors, clean stop.</summary>
public sealed class ProgramTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>The lines on standard error once the program has exited with 2, checked to hold no stack trace.</summary>
    private static string[] ErrorLines(ServerProcess server)
    {
        Assert.Equal(2, server.WaitForExit());
        var lines = server.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.StartsWith("dnslb: ", line));
        return lines;
    }

    [Fact]
    public void Start_LogsEachZoneAndListener_AnswersQueries_AndStopsOnSigterm()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        var listening = server.WaitForOutput(@"listening on 127\.0\.0\.1:(\d+)");
        Assert.Matches(@"zone example\.com\. loaded: \d+ records, serial 2026112101", server.Output);
        int port = int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Single(DnsTestClient.Udp(port, "ns1.example.com.", RecordType.A).Answers);
        Assert.Single(DnsTestClient.Tcp(port, "ns1.example.com.", RecordType.A).Answers);
        // The command-line list replaced the default ["0.0.0.0", "::"] whole: only one listener.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server.Output, "listening on"));

        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void Start_WithOneListenAddressGivenAsASingleValue_ListensThereOnly()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        server.WaitForOutput(@"listening on 127\.0\.0\.1:\d+");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server.Output, "listening on"));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void Start_WithAnInvalidSetting_SaysWhichOneInOneLine()
    {
        using var server = ServerProcess.Start("--Dns:Port=70000", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        Assert.Equal(["dnslb: invalid setting: Dns:Port = 70000 (command line): must be a whole number from 0 to 65535"], ErrorLines(server));
    }

    [Fact]
    public void Start_WithSeveralBadSettings_ReportsEveryOne_OneLineEach()
    {
        using var server = ServerProcess.Start("--Dns:Port=abc", "--Dns:Prot=5300", "--Pols:twopir.example.com:Rise=2",
            "--Probing:MaxConcurrentProbes=-1", "--Pools:twopir.example.com:WhenAllDown=Sometimes", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        var lines = ErrorLines(server);
        Assert.Equal(5, lines.Length);
        Assert.Contains("dnslb: invalid setting: Dns:Port = abc (command line): must be a whole number from 0 to 65535", lines);
        Assert.Contains(lines, l => l.StartsWith("dnslb: invalid setting: Dns:Prot (command line): unknown setting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dnslb: invalid setting: Pols (command line): unknown section", StringComparison.Ordinal));
        Assert.Contains("dnslb: invalid setting: Probing:MaxConcurrentProbes = -1 (command line): must be a whole number from 1 to 10000", lines);
        Assert.Contains("dnslb: invalid setting: Pools:twopir.example.com:WhenAllDown = Sometimes (command line): must be one of All, None, ServFail", lines);
    }

    [Fact]
    public void Start_WithAnAddressThatIsNotAnAddress_SaysSo()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen=localhost", $"--Dns:ZonesDirectory={Zones}");
        Assert.Equal(["dnslb: invalid setting: Dns:Listen = [localhost] (command line): 'localhost' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::)"],
            ErrorLines(server));
    }

    [Fact]
    public void Start_WithoutTheZonesDirectory_SaysWhichSettingToFix()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen=127.0.0.1", "--Dns:ZonesDirectory=/nonexistent/zones");
        Assert.Contains("Dns:ZonesDirectory", Assert.Single(ErrorLines(server)));
    }

    [Fact]
    public void Start_WithInvalidPoolSettings_RefusesToStart_NamingEachSetting()
    {
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}",
            "--Pools:twopir.example.com:Rise=0", "--Pools:twopir.example.com:MaxAnswers=1", "--Pools:tcp.example.com:Probe:Kind=Tcp",
            "--Pools:other.example.com:Probe:Kind=Gopher");
        var lines = ErrorLines(server);
        Assert.Equal(4, lines.Length);
        Assert.Contains("dnslb: invalid setting: Pools:twopir.example.com:Rise = 0 (command line): must be a whole number from 1 to 100", lines);
        Assert.Contains("dnslb: invalid setting: Pools:twopir.example.com:MaxAnswers = 1 (command line): must be a whole number from 2 to 256", lines);
        Assert.Contains("dnslb: invalid setting: Pools:tcp.example.com:Probe:Port = 0: a Tcp probe needs the port to connect to", lines);
        Assert.Contains("dnslb: invalid setting: Pools:other.example.com:Probe:Kind = Gopher (command line): must be one of Tcp, Http, Https", lines);
    }

    [Fact]
    public void Start_WithASyntaxErrorInAppsettings_NamesTheFileAndTheLine_InOneLine()
    {
        using var program = ProgramCopy.Create(text => text.Replace("\"Port\": 53,", "\"Port\": 53\n    \"MaxTcpConnections\": 9,", StringComparison.Ordinal));
        int line = program.LineOf("\"MaxTcpConnections\": 9");
        using var server = ServerProcess.Start(program.Directory, NoEnvironment, "--Dns:Port=0");
        var error = Assert.Single(ErrorLines(server));
        Assert.StartsWith($"dnslb: {program.DisplayedSettingsFile}:{line}: '\"' is invalid after a value.", error);
    }

    [Fact]
    public void Start_WithAMisspeltKeyInAppsettings_NamesTheFileAndTheLine()
    {
        using var program = ProgramCopy.Create(text => text.Replace("\"Port\": 53,", "\"Port\": 53,\n    \"Prot\": 5300,", StringComparison.Ordinal));
        int line = program.LineOf("\"Prot\": 5300");
        using var server = ServerProcess.Start(program.Directory, NoEnvironment, "--Dns:Port=0");
        Assert.StartsWith($"dnslb: invalid setting: Dns:Prot ({program.DisplayedSettingsFile}:{line}): unknown setting", Assert.Single(ErrorLines(server)));
    }

    [Fact]
    public void Start_WithAMisspeltSectionInAppsettings_IsRefused()
    {
        using var program = ProgramCopy.Create(text => text.Replace("\"Pools\": {", "\"Pols\": {", StringComparison.Ordinal));
        using var server = ServerProcess.Start(program.Directory, NoEnvironment, "--Dns:Port=0");
        Assert.StartsWith("dnslb: invalid setting: Pols (", Assert.Single(ErrorLines(server)));
    }

    [Fact]
    public void Start_WithUnknownSectionsInTheEnvironment_Starts()
    {
        var environment = new Dictionary<string, string> { ["Pols__twopir.example.com__Rise"] = "2", ["SOME_OTHER_PROGRAM_SETTING"] = "1" };
        using var server = ServerProcess.Start(AppContext.BaseDirectory, environment, "--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        server.WaitForOutput("listening on");
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void Start_WithAMisspeltKeyOfADnsLbSectionInTheEnvironment_IsRefused()
    {
        var environment = new Dictionary<string, string> { ["Dns__Prot"] = "5300" };
        using var server = ServerProcess.Start(AppContext.BaseDirectory, environment, "--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}");
        Assert.StartsWith("dnslb: invalid setting: Dns:Prot (environment variable Dns__Prot): unknown setting", Assert.Single(ErrorLines(server)));
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

    [Fact]
    public void Start_WithADeadPoolNode_LogsTheChangeAsAPoolLine()
    {
        int closedPort = ClosedTcpPort(IPAddress.Parse("127.0.0.12"));
        using var server = ServerProcess.Start("--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}",
            "--Pools:twopir.example.com:Probe:Kind=Tcp", $"--Pools:twopir.example.com:Probe:Port={closedPort}");
        server.WaitForOutput("WRN pool twopir.example.com: 127.0.0.12 DOWN after 2 failures: connection refused");
        Assert.Equal(0, server.Stop());
    }

    /// <summary>A port nothing listens on at <paramref name="address"/> (bound once, then released).</summary>
    private static int ClosedTcpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
