using System.Diagnostics;
using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>
/// Knot DNS (Debian package knot) serving the same zone file on another loopback port: the reference
/// our answers are compared with. It allows zone transfers to loopback, so a test can read the zone as Knot
/// loaded it. With <see cref="KnotOptions"/> it is also a primary for the transfer tests: TSIG keys,
/// transfers only with a key, IXFR from a journal of the zone file's changes, NOTIFY to listed ports.
/// Stopped by its own PID.
/// </summary>
internal sealed class KnotServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private KnotServer(Process process, string directory, string address, int port)
    {
        _process = process;
        _directory = directory;
        Address = address;
        Port = port;
    }

    public string Address { get; }

    public int Port { get; }

    public System.Net.IPEndPoint EndPoint => new(System.Net.IPAddress.Parse(Address), Port);

    /// <summary>The process id, for a test that kills Knot as a crash would.</summary>
    public int ProcessId => _process.Id;

    public static KnotServer Start(string zoneFile, string zoneName) => Start([(zoneFile, zoneName)]);

    /// <summary>Serves several zones, each from its file; returns once every one answers.</summary>
    public static KnotServer Start(IReadOnlyList<(string File, string Name)> zones) => Start(zones, new KnotOptions());

    /// <summary>Serves several zones, each from its file, as <paramref name="options"/> say; returns once every one answers.</summary>
    public static KnotServer Start(IReadOnlyList<(string File, string Name)> zones, KnotOptions options)
    {
        var knotd = ExternalTool.Require("knotd", "knot");
        var directory = Directory.CreateTempSubdirectory("dnslb-knot-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "db"));
        Directory.CreateDirectory(Path.Combine(directory, "zones"));
        foreach (var (file, name) in zones)
        {
            if (options.PrimaryPort is null)
                File.Copy(file, Path.Combine(directory, "zones", name + ".zone"));
        }
        int port = options.Port != 0 ? options.Port : FreePort.Find(options.Address);
        File.WriteAllText(Path.Combine(directory, "knot.conf"), $"""
            server:
                rundir: "{directory}"
                listen: {options.Address}@{port}
            control:
                listen: "{directory}/knot.sock"
            log:
              - target: stderr
                any: warning
            database:
                storage: "{directory}/db"
            {options.KeysSection()}
            acl:
              - id: loopback-transfer
                address: 127.0.0.1
                action: transfer
            {options.TransferKeyLine()}
            {options.NotifyAclSection()}
            {options.RemotesSection()}
            template:
              - id: default
                storage: "{directory}/zones"
                file: "%s.zone"
                zonefile-sync: -1
                zonefile-load: {(options.Journal ? "difference" : "whole")}
                journal-content: {(options.Journal ? "changes" : "none")}
            zone:
            {string.Concat(zones.Select(z => $"  - domain: {z.Name}\n{options.ZoneLines()}"))}
            """);
        var info = new ProcessStartInfo(knotd) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Path.Combine(directory, "knot.conf"));
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new KnotServer(process, directory, options.Address, port);
        foreach (var (_, name) in zones)
            server.WaitUntilAnswering(name);
        return server;
    }

    /// <summary>
    /// Knot as a secondary of <paramref name="zoneName"/>, transferring it from a primary on the loopback
    /// port <see cref="KnotOptions.PrimaryPort"/> and accepting its NOTIFY; returns once Knot serves the zone.
    /// </summary>
    public static KnotServer StartSecondary(string zoneName, KnotOptions options)
    {
        if (options.PrimaryPort is null)
            throw new ArgumentException("a secondary needs KnotOptions.PrimaryPort", nameof(options));
        return Start([("", zoneName)], options);
    }

    /// <summary>The serial Knot serves for <paramref name="zoneName"/> now, or null when it serves none.</summary>
    public uint? Serial(string zoneName)
    {
        var answer = DnsTestClient.TryUdpRaw(Port, DnsMessage.Query(zoneName + ".", RecordType.SOA).Encode(), TimeSpan.FromSeconds(1), Address);
        return answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok
            && message!.Answers is [{ Data: DnsLb.Protocol.RecordData.SoaData soa }] ? soa.Serial : null;
    }

    /// <summary>Where Knot reads <paramref name="zoneName"/>'s file: a test edits it, then calls <see cref="Reload"/>.</summary>
    public string ZoneFile(string zoneName) => Path.Combine(_directory, "zones", zoneName + ".zone");

    /// <summary>Has Knot read the zone file again (<c>knotc zone-reload</c> through its control socket) and waits until it serves <paramref name="serial"/>.</summary>
    public void Reload(string zoneName, uint serial)
    {
        var knotc = ExternalTool.Require("knotc", "knot");
        var (code, output, error) = ExternalTool.Run(knotc, ["-c", Path.Combine(_directory, "knot.conf"), "zone-reload", zoneName]);
        Assert.True(code == 0, $"knotc zone-reload failed: {output}{error}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var answer = DnsTestClient.TryUdpRaw(Port, DnsMessage.Query(zoneName + ".", RecordType.SOA).Encode(), TimeSpan.FromMilliseconds(200), Address);
            if (answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok
                && message!.Answers.Count == 1 && message.Answers[0].Data is DnsLb.Protocol.RecordData.SoaData soa && soa.Serial == serial)
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"knotd did not serve serial {serial} of {zoneName} within 30 s");
    }

    private void WaitUntilAnswering(string zoneName)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "knotd exited at start");
            var answer = DnsTestClient.TryUdpRaw(Port, DnsMessage.Query(zoneName + ".", RecordType.SOA).Encode(), TimeSpan.FromMilliseconds(200), Address);
            if (answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok && message!.Answers.Count == 1)
                return;
            Thread.Sleep(50);
        }
        // Start hands out no server on failure, so nobody else could stop this knotd (one that cannot load its zone).
        Dispose();
        throw new TimeoutException("knotd did not answer within 30 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
