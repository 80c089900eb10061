using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Check;

/// <summary>
/// <c>DnsLb check</c> run as a program in an operator's folder: every problem of the zones and the settings
/// as <c>file:line: message</c>, warnings about pools, exit code 0 when nothing is wrong and 1 otherwise;
/// and no socket bound, no probe sent.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly WorkingDirectory _folder = new();

    private (int Exit, string[] Lines) Check(params string[] arguments)
    {
        using var process = _folder.Run(["check", .. arguments]);
        int exit = process.WaitForExit();
        Assert.Equal("", process.Error);
        return (exit, process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Check_TheExampleZoneWithTheShippedSettings_IsClean()
    {
        var (exit, lines) = Check();
        Assert.Equal(0, exit);
        Assert.Equal(["zones/example.com.zone: zone example.com. serial 2026112101, 15 records: OK",
            "check: 0 error(s), 0 warning(s); 1 zone(s) would be served"], lines);
    }

    [Fact]
    public void Check_BrokenZone_PrintsEachErrorWithFileAndLine_AndExitsOne()
    {
        File.AppendAllText(_folder.ZoneFile("example.com.zone"), "bad IN A 999.0.0.1\nwww IN A 127.0.0.9\n");
        var (exit, lines) = Check();
        Assert.Equal(1, exit);
        Assert.Contains("zones/example.com.zone:33: '999.0.0.1' is not an IPv4 address", lines);
        Assert.Contains(lines, l => l.StartsWith("zones/example.com.zone:28: CNAME at www.example.com. beside other data", StringComparison.Ordinal));
        Assert.Equal("check: 2 error(s), 0 warning(s); 0 zone(s) would be served (fix the errors: DnsLb does not load a file or settings with any)", lines[^1]);
    }

    [Fact]
    public void Check_ZonesDirectoryFromTheCommandLine_IsTheOneChecked()
    {
        using var other = new ZoneDirectory();
        other.Write("example.org.zone", "$TTL 60\n@ IN SOA ns1 h 7 1 1 1 1\n@ IN NS ns1\nns1 IN A 127.0.0.1\n");
        var (exit, lines) = Check($"--Dns:ZonesDirectory={other.Path}");
        Assert.Equal(0, exit);
        Assert.Contains($"{other.Full("example.org.zone")}: zone example.org. serial 7, 3 records: OK", lines);
        // The shipped settings name the example's pool, which this folder has no records for.
        Assert.Contains(lines, l => l.EndsWith("appsettings.json:" + ShippedLineOf("\"twopir.example.com\": {")
            + ": warning: pool twopir.example.com is configured, but no zone has an A or AAAA record at twopir.example.com.: nothing to balance", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoZonesDirectory_IsAnError()
    {
        var (exit, lines) = Check("--Dns:ZonesDirectory=/nonexistent/zones");
        Assert.Equal(1, exit);
        Assert.Contains("/nonexistent/zones: the zones directory does not exist; set Dns:ZonesDirectory (e.g. --Dns:ZonesDirectory=/etc/dnslb/zones)", lines);
    }

    [Fact]
    public void Check_OnlySecondaryZones_NeedsNoZoneFile_AndReadsTheSavedCopy()
    {
        File.Move(_folder.ZoneFile("example.com.zone"), Path.Combine(_folder.Path, "saved-example.zone"));
        Directory.Delete(_folder.Zones);
        var secondary = new[] { "--Secondary:Zones:example.com:Primaries:0=192.0.2.1", "--Secondary:Directory=secondary" };
        var (exit, lines) = Check(secondary);
        Assert.Equal(0, exit);
        Assert.Equal(["secondary zone example.com.: no saved copy yet; transferred from 192.0.2.1:53 at start",
            "check: 0 error(s), 0 warning(s); 0 zone(s) would be served"], lines);

        Directory.CreateDirectory(Path.Combine(_folder.Path, "secondary"));
        File.Move(Path.Combine(_folder.Path, "saved-example.zone"), Path.Combine(_folder.Path, "secondary", "example.com.zone"));
        (exit, lines) = Check(secondary);
        Assert.Equal(0, exit);
        Assert.Equal(["secondary/example.com.zone: secondary zone example.com. serial 2026112101, 15 records, from 192.0.2.1:53: OK",
            "check: 0 error(s), 0 warning(s); 1 zone(s) would be served"], lines);
    }

    [Fact]
    public void Check_AZoneBothInAFileAndInSecondaryZones_IsAnError()
    {
        var (exit, lines) = Check("--Secondary:Zones:example.com:Primaries:0=192.0.2.1", "--Secondary:Directory=secondary");
        Assert.Equal(1, exit);
        Assert.Contains("zones/example.com.zone:1: zone example.com. is also in Secondary:Zones; DnsLb would not start (remove the file, or the Secondary:Zones entry)", lines);
    }

    [Fact]
    public void Check_InvalidSettings_SayWhereFirst()
    {
        _folder.WriteSettings("""
            {
              "Pools": {
                "twopir.example.com": {
                  "Probe": { "Kind": "Http", "Port": 8080 },
                  "Rise": 0
                }
              },
              "Dnss": {}
            }
            """);
        var (exit, lines) = Check("--Dns:Port=abc");
        Assert.Equal(1, exit);
        Assert.Contains($"dnslb.json:{_folder.SettingsLineOf("\"Rise\"")}: invalid setting Pools:twopir.example.com:Rise = 0: must be a whole number from 1 to 100", lines);
        Assert.Contains(lines, l => l.StartsWith($"dnslb.json:{_folder.SettingsLineOf("Dnss")}: invalid setting Dnss: unknown section", StringComparison.Ordinal));
        Assert.Contains("command line: invalid setting Dns:Port = abc: must be a whole number from 0 to 65535", lines);
        Assert.Contains("zones/example.com.zone: zone example.com. serial 2026112101, 15 records: OK", lines);
    }

    [Fact]
    public void Check_SettingsFileThatIsNotJson_SaysTheLine()
    {
        _folder.WriteSettings("{\n  \"Pools\": {\n    \"x\": 1,,\n  }\n}\n");
        var (exit, lines) = Check();
        Assert.Equal(1, exit);
        Assert.StartsWith("dnslb.json:3: ", lines[0]);
    }

    [Fact]
    public void Check_PoolsThatWouldWorkBadly_AreWarnings_AndTheExitCodeStaysZero()
    {
        _folder.WriteSettings("""
            {
              "Pools": {
                "twopir.example.com": { "Probe": { "Kind": "Http", "Port": 8080 } },
                "mail.example.com": { "Probe": { "Kind": "Tcp", "Port": 25 } },
                "nothing.example.com": { "Probe": { "Kind": "Tcp", "Port": 25 } }
              }
            }
            """);
        var (exit, lines) = Check();
        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.StartsWith("zones/example.com.zone:17: warning: pool mail.example.com has one node (127.0.0.25)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("zones/example.com.zone:17: warning: pool mail.example.com: A TTL 300 s", StringComparison.Ordinal));
        Assert.Contains($"dnslb.json:{_folder.SettingsLineOf("nothing.example.com")}: warning: pool nothing.example.com is configured, but no zone has an A or AAAA record at nothing.example.com.: nothing to balance", lines);
        Assert.DoesNotContain(lines, l => l.Contains("twopir", StringComparison.Ordinal));
        Assert.Equal("check: 0 error(s), 3 warning(s); 1 zone(s) would be served", lines[^1]);
    }

    [Fact]
    public void Check_BindsNoSocket_AndSendsNoProbe()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var (exit, _) = Check($"--Dns:Port={port}", "--Dns:Listen=127.0.0.1",
            "--Pools:twopir.example.com:Probe:Kind=Tcp", $"--Pools:twopir.example.com:Probe:Port={backends.Port.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(0, exit);
        Assert.All(backends.Nodes, node => Assert.Equal(0, node.Requests));
    }

    private static int ShippedLineOf(string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "appsettings.json")), l => l.Contains(text, StringComparison.Ordinal) && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)) + 1;

    public void Dispose() => _folder.Dispose();
}
