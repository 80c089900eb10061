using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;

namespace DnsLb.Bench;

/// <summary>
/// Time from starting a server process to its first authoritative answer for the zone's SOA: what an operator
/// waits for. Every server here listens on 127.0.0.1 only and is stopped by its own PID.
/// </summary>
internal static class ServerStart
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>The DnsLb program built beside this one, serving <paramref name="zonesDirectory"/>.</summary>
    public static TimeSpan DnsLb(string zonesDirectory, string origin)
    {
        // A port free for UDP a moment ago may be taken for TCP, or meanwhile: DnsLb then exits at once.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "DnsLb.exe" : "DnsLb"))
            {
                WorkingDirectory = zonesDirectory,
            };
            foreach (var argument in new[] { $"--Dns:Port={port}", "--Dns:Listen:0=127.0.0.1", $"--Dns:ZonesDirectory={zonesDirectory}", "--Dns:UdpSocketsPerAddress=1" })
                info.ArgumentList.Add(argument);
            try
            {
                return Time(info, port, origin);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // exited before answering: try another port
            }
        }
    }

    /// <summary>Starts <paramref name="info"/> (its output discarded), waits for the answer, stops it.</summary>
    public static TimeSpan Time(ProcessStartInfo info, int port, string origin)
    {
        using var process = Start(info);
        try
        {
            var watch = Stopwatch.StartNew();
            WaitForSoa(process, port, origin, _ => true);
            return watch.Elapsed;
        }
        finally
        {
            Stop(process);
        }
    }

    public static Process Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
    }

    /// <summary>Asks for the SOA until an authoritative answer satisfies <paramref name="accept"/>.</summary>
    public static void WaitForSoa(Process process, int port, string origin, Func<uint, bool> accept)
    {
        var deadline = DateTime.UtcNow + Limit;
        var query = DnsMessage.Query(origin, RecordType.SOA, 4711).Encode();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 50 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var buffer = new byte[4096];
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode} before answering");
            try
            {
                socket.Send(query);
                int length = socket.Receive(buffer);
                if (DnsMessage.TryParse(buffer.AsSpan(0, length), out var answer) == ParseStatus.Ok && answer!.Header.IsAuthoritative
                    && answer.Answers is [{ Data: DnsLb.Protocol.RecordData.SoaData soa }] && accept(soa.Serial))
                    return;
            }
            catch (SocketException)
            {
                // not listening yet (refused) or no answer within the receive timeout
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException($"{process.StartInfo.FileName} gave no answer for {origin} within {Limit.TotalMinutes} minutes");
    }

    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
