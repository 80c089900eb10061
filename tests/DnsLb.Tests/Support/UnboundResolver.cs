using System.Diagnostics;
using System.Globalization;
using System.Text;
using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>
/// Unbound (Debian package unbound) as a recursive resolver in front of DnsLb, on its own loopback port. Its one
/// source of answers is a stub zone pointing at DnsLb on loopback. It can reach nothing else: the root hints
/// name a single unused loopback address (an empty hints file would make Unbound use the real roots), every
/// query leaves from 127.0.0.1 (the kernel refuses to route such a packet off the host), and IPv6 is off.
/// Only names inside the stub zone are ever asked. Stopped by its own PID.
/// </summary>
internal sealed class UnboundResolver : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    private UnboundResolver(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What Unbound logged (errors and warnings), for failure messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static UnboundResolver Start(string stubZone, int stubPort)
    {
        var unbound = ExternalTool.Require("unbound", "unbound");
        var directory = Directory.CreateTempSubdirectory("dnslb-unbound-").FullName;
        int port = FreePort.Find();
        File.WriteAllText(Path.Combine(directory, "root.hints"), ". 3600000 NS root.invalid.\nroot.invalid. 3600000 A 127.0.0.254\n");
        File.WriteAllText(Path.Combine(directory, "unbound.conf"), string.Create(CultureInfo.InvariantCulture, $"""
            server:
                verbosity: 1
                interface: 127.0.0.1@{port}
                port: {port}
                outgoing-interface: 127.0.0.1
                do-ip6: no
                do-daemonize: no
                username: ""
                chroot: ""
                directory: "{directory}"
                pidfile: "{directory}/unbound.pid"
                use-syslog: no
                logfile: ""
                root-hints: "{directory}/root.hints"
                module-config: "iterator"
                do-not-query-localhost: no
                access-control: 127.0.0.0/8 allow
                num-threads: 1
                so-reuseport: no
            remote-control:
                control-enable: no
            stub-zone:
                name: "{stubZone}"
                stub-addr: 127.0.0.1@{stubPort}
            """));
        var info = new ProcessStartInfo(unbound) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Path.Combine(directory, "unbound.conf"));
        var process = new Process { StartInfo = info };
        var resolver = new UnboundResolver(process, directory, port);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (resolver._log) resolver._log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (resolver._log) resolver._log.AppendLine(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        resolver.WaitUntilResolving(stubZone);
        return resolver;
    }

    /// <summary>A recursive query (RD=1) to Unbound, over TCP so a large answer comes back whole.</summary>
    public DnsMessage Resolve(string name, RecordType type) =>
        DnsTestClient.Tcp(Port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), 1232, recursionDesired: true));

    private void WaitUntilResolving(string stubZone)
    {
        var query = DnsMessage.Query(stubZone.TrimEnd('.') + ".", RecordType.SOA, 1, 1232, recursionDesired: true).Encode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"unbound exited at start:\n{Log}");
            var answer = DnsTestClient.TryUdpRaw(Port, query, TimeSpan.FromMilliseconds(500));
            if (answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok && message!.Answers.Count == 1)
                return;
            Thread.Sleep(50);
        }
        throw new TimeoutException($"unbound did not resolve {stubZone} SOA within 30 s:\n{Log}");
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
