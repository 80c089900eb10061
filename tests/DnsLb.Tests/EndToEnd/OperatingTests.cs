using System.Globalization;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// The program as an operator runs it for months, from a folder like /etc/dnslb (zones/ and dnslb.json):
/// SIGHUP reloads and the program goes on, SIGTERM stops it with exit code 0 while queries come in, the
/// folder's settings file is the one read and watched, and the Logging section sets what is logged.
/// </summary>
public sealed class OperatingTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly WorkingDirectory _folder = new(exampleZone: false);

    private static string Zone(string address) =>
        $"$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\nwww IN A {address}\n";

    private static int PortOf(ServerProcess server) =>
        int.Parse(server.WaitForOutput(@"listening on 127\.0\.0\.1:(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Www(int port) => DnsTestClient.Udp(port, "www.example.com.", RecordType.A).Answers.Single().Data.ToString();

    [Fact]
    public async Task Sighup_ReadsEveryZoneFileAgain_AndTheProgramGoesOn()
    {
        var file = _folder.ZoneFile("example.com.zone");
        File.WriteAllText(file, Zone("127.0.0.2"));
        File.SetLastWriteTimeUtc(file, LongAgo);
        using var server = _folder.Run("--Dns:Port=0", "--Dns:Listen=127.0.0.1");
        int port = PortOf(server);
        Assert.Equal("127.0.0.2", Www(port));

        // Same length, same time: no change a watcher or a re-scan can see; SIGHUP reads every file anyway.
        File.WriteAllText(file, Zone("127.0.0.3"));
        File.SetLastWriteTimeUtc(file, LongAgo);
        server.Signal("HUP");

        await Eventually.True(() => Www(port) == "127.0.0.3", "the zone read again on SIGHUP");
        Assert.Contains("INF SIGHUP: reading every zone file and the settings again", server.Output);
        Assert.False(server.HasExited);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public async Task Sigterm_WhileQueriesComeIn_StopsWithExitCodeZero()
    {
        File.WriteAllText(_folder.ZoneFile("example.com.zone"), Zone("127.0.0.2"));
        using var server = _folder.Run("--Dns:Port=0", "--Dns:Listen=127.0.0.1");
        int port = PortOf(server);
        using var stop = new CancellationTokenSource();
        int answered = 0;
        var clients = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (DnsTestClient.TryUdpRaw(port, DnsMessage.Query("www.example.com.", RecordType.A).Encode(), TimeSpan.FromMilliseconds(200)) is not null)
                    Interlocked.Increment(ref answered);
            }
        });
        await Eventually.True(() => Volatile.Read(ref answered) > 10, "queries answered");

        Assert.Equal(0, server.Stop());
        await stop.CancelAsync();
        await clients;
    }

    [Fact]
    public void SettingsFileOfTheWorkingDirectory_IsReadInsteadOfTheShippedOne_AndWatched()
    {
        File.Copy(TestPaths.ExampleZone, _folder.ZoneFile("example.com.zone"));
        _folder.WriteSettings("""{ "Dns": { "Listen": [ "127.0.0.1" ], "Port": 0 }, "Pools": {} }""");
        using var server = _folder.Run();
        PortOf(server);
        // The shipped appsettings.json declares twopir.example.com a pool; this folder's file does not.
        Assert.DoesNotContain("pool twopir.example.com", server.Output);

        _folder.WriteSettings("""{ "Dns": { "Listen": [ "127.0.0.1" ], "Port": 0 }, "Pools": { "twopir.example.com": { "Probe": { "Kind": "Tcp", "Port": 9 } } } }""");
        server.WaitForOutput("INF pool twopir.example.com added by a settings change: probe TCP connect :9");
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public async Task LoggingLevelWarning_LogsNoInformationLines()
    {
        File.Copy(TestPaths.ExampleZone, _folder.ZoneFile("example.com.zone"));
        int port = FreePort.Find();
        using var server = _folder.Run($"--Dns:Port={port}", "--Dns:Listen=127.0.0.1", "--Logging:LogLevel:Default=Warning",
            "--Pools:twopir.example.com:Probe:Kind=Tcp", $"--Pools:twopir.example.com:Probe:Port={ClosedPort()}");
        await Eventually.True(() => Answers(port), "the server answering");
        server.WaitForOutput("WRN pool twopir.example.com: 127.0.0.1[123] DOWN");
        Assert.DoesNotContain(" INF ", server.Output);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void LoggingLevelDebug_LogsDebugLines()
    {
        File.Copy(TestPaths.ExampleZone, _folder.ZoneFile("example.com.zone"));
        using var server = _folder.Run("--Dns:Port=0", "--Dns:Listen=127.0.0.1", "--Logging:LogLevel:Default=Debug");
        PortOf(server); // started: SIGTERM is handled from here on
        Assert.Matches(@"DBG snapshot 1 published: 1 zone\(s\)", server.Output);
        Assert.Equal(0, server.Stop());
    }

    private static bool Answers(int port) =>
        DnsTestClient.TryUdpRaw(port, DnsMessage.Query("example.com.", RecordType.SOA).Encode(), TimeSpan.FromMilliseconds(500)) is not null;

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose() => _folder.Dispose();
}
