using System.Diagnostics;
using System.Net;
using System.Text;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Support;

/// <summary>The stock DNS servers a DnsLb primary feeds in the tests (Debian packages knot, nsd, bind9).</summary>
public enum SecondaryKind
{
    Knot,
    Nsd,
    Bind,
}

/// <summary>
/// Knot DNS, NSD or BIND as the secondary of one zone, transferred from a primary on loopback: each listens on
/// its own loopback address (so the primary can tell it from other clients by source address) and an
/// ephemeral port, runs as the current user with a temporary folder of its own, takes NOTIFY from the
/// primary's address, signs with a TSIG key when one is given, and is stopped by its PID. The configuration
/// is the one the README's "Stock secondaries" section shows, with test paths and ports.
/// </summary>
internal sealed class StockSecondary : IDisposable
{
    private readonly KnotServer? _knot;
    private readonly Process? _process;
    private readonly string? _directory;
    private readonly StringBuilder _output = new();

    private StockSecondary(SecondaryKind kind, string address, int port, KnotServer? knot, Process? process, string? directory)
    {
        Kind = kind;
        Address = address;
        Port = port;
        _knot = knot;
        _process = process;
        _directory = directory;
    }

    public SecondaryKind Kind { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>
    /// Starts <paramref name="kind"/> as a secondary of <paramref name="zone"/> on <paramref name="address"/>:<paramref name="port"/>
    /// (a port from <see cref="FreePort.Find(string)"/>, known to the primary before it starts), transferring
    /// from <paramref name="primary"/>; returns once it serves the zone.
    /// </summary>
    public static StockSecondary Start(SecondaryKind kind, string zone, string address, int port, IPEndPoint primary,
        (string Name, string Algorithm, string Secret)? key = null)
    {
        if (kind == SecondaryKind.Knot)
        {
            var knot = KnotServer.StartSecondary(zone, new KnotOptions
            {
                Address = address,
                Port = port,
                PrimaryAddress = primary.Address.ToString(),
                PrimaryPort = primary.Port,
                Keys = key is { } k ? [k] : [],
                TransferKey = key?.Name,
            });
            return new StockSecondary(kind, address, port, knot, null, null);
        }
        var directory = Directory.CreateTempSubdirectory($"dnslb-{kind.ToString().ToLowerInvariant()}-").FullName;
        var (program, arguments) = kind == SecondaryKind.Nsd
            ? (ExternalTool.Require("nsd", "nsd"), new[] { "-d", "-c", WriteNsdConfig(directory, zone, address, port, primary, key) })
            : (ExternalTool.Require("named", "bind9"), new[] { "-g", "-4", "-n", "1", "-c", WriteBindConfig(directory, zone, address, port, primary, key) });
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = directory };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        var secondary = new StockSecondary(kind, address, port, null, process, directory);
        process.OutputDataReceived += (_, e) => secondary.Append(e.Data);
        process.ErrorDataReceived += (_, e) => secondary.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            secondary.WaitUntilServing(zone);
        }
        catch
        {
            secondary.Dispose(); // nobody else could stop it
            throw;
        }
        return secondary;
    }

    /// <summary>What the server printed (NSD and BIND log to the console in the foreground).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public DnsMessage Query(string name, RecordType type) =>
        DnsTestClient.Udp(Port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), 1232), Address);

    /// <summary>
    /// The serial it serves for <paramref name="zone"/>, or null when it serves none (yet). Asked up to three
    /// times: NSD and BIND reload after each transfer (NSD forks a new server process), and a query that lands
    /// in that switch can go unanswered or get SERVFAIL although the zone is served before and after (seen in CI).
    /// </summary>
    public uint? Serial(string zone)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0)
                Thread.Sleep(100);
            if (SerialOnce(zone) is { } serial)
                return serial;
        }
        return null;
    }

    private uint? SerialOnce(string zone)
    {
        var answer = DnsTestClient.TryUdpRaw(Port, DnsMessage.Query(zone + ".", RecordType.SOA).Encode(), TimeSpan.FromMilliseconds(500), Address);
        return answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok && message!.ResponseCode == 0
            && message.Answers is [{ Data: SoaData soa }] ? soa.Serial : null;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private void WaitUntilServing(string zone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Serial(zone) is null)
        {
            if (_process!.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Kind} did not serve {zone} within 30 s (exited: {_process.HasExited}):\n{Output}");
            Thread.Sleep(50);
        }
    }

    private static string WriteNsdConfig(string directory, string zone, string address, int port, IPEndPoint primary,
        (string Name, string Algorithm, string Secret)? key)
    {
        var keyName = key?.Name ?? "NOKEY";
        var keySection = key is { } k ? $"key:\n    name: {k.Name}\n    algorithm: {k.Algorithm}\n    secret: \"{k.Secret}\"\n" : "";
        var path = Path.Combine(directory, "nsd.conf");
        File.WriteAllText(path, $"""
            server:
                ip-address: {address}@{port}
                port: {port}
                do-ip6: no
                username: ""
                chroot: ""
                zonesdir: "{directory}"
                database: ""
                zonelistfile: "{directory}/zone.list"
                xfrdfile: "{directory}/xfrd.state"
                xfrdir: "{directory}"
                pidfile: "{directory}/nsd.pid"
                logfile: "{directory}/nsd.log"
                server-count: 1
                tcp-count: 16
                xfrd-reload-timeout: 0
                verbosity: 2
            remote-control:
                control-enable: no
            {keySection}
            zone:
                name: {zone}
                zonefile: "{zone}.zone"
                request-xfr: {primary.Address}@{primary.Port} {keyName}
                allow-notify: {primary.Address} {keyName}
                outgoing-interface: {address}
            """);
        return path;
    }

    private static string WriteBindConfig(string directory, string zone, string address, int port, IPEndPoint primary,
        (string Name, string Algorithm, string Secret)? key)
    {
        var keySection = key is { } k ? $"key \"{k.Name}\" {{ algorithm {k.Algorithm}; secret \"{k.Secret}\"; }};" : "";
        var keyClause = key is { } named ? $" key \"{named.Name}\"" : "";
        var path = Path.Combine(directory, "named.conf");
        File.WriteAllText(path, $$"""
            options {
                directory "{{directory}}";
                pid-file "{{directory}}/named.pid";
                session-keyfile "{{directory}}/session.key";
                managed-keys-directory "{{directory}}";
                listen-on port {{port}} { {{address}}; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
                notify no;
                transfer-source {{address}};
                notify-source {{address}};
                query-source address {{address}};
            };
            controls { };
            {{keySection}}
            zone "{{zone}}" {
                type secondary;
                file "{{zone}}.db";
                primaries { {{primary.Address}} port {{primary.Port}}{{keyClause}}; };
                allow-notify { {{primary.Address}}; };
            };
            """);
        return path;
    }

    public void Dispose()
    {
        _knot?.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }
        if (_directory is not null)
        {
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
}
