using System.Diagnostics;

namespace DnsLb.Bench;

/// <summary>
/// Knot DNS (Debian package knot) on the same zone file: the time from starting knotd to its first answer,
/// and the median time of a blocking reload (<c>knotc -b zone-reload</c>) after the serial is raised.
/// Null when knotd is not installed.
/// </summary>
internal static class KnotBenchmark
{
    public static KnotResult? TryMeasure(string zoneFile, string tinyZoneFile, string origin, int rounds)
    {
        if (Find("knotd") is not { } knotd || Find("knotc") is not { } knotc)
            return null;
        var tiny = Measure(knotd, knotc, tinyZoneFile, origin, rounds: 0);
        var full = Measure(knotd, knotc, zoneFile, origin, rounds);
        return full with { StartToAnswerTiny = tiny.StartToAnswer };
    }

    private static KnotResult Measure(string knotd, string knotc, string zoneFile, string origin, int rounds)
    {
        var directory = Directory.CreateTempSubdirectory("dnslb-bench-knot-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "db"));
            Directory.CreateDirectory(Path.Combine(directory, "zones"));
            var zone = Path.Combine(directory, "zones", origin + "zone");
            File.Copy(zoneFile, zone);
            int port = ServerStart.FreePort();
            var config = Path.Combine(directory, "knot.conf");
            File.WriteAllText(config, Config(directory, port, origin));

            var info = new ProcessStartInfo(knotd);
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(config);
            var start = ServerStart.Time(info, port, origin);

            using var process = ServerStart.Start(info);
            try
            {
                ServerStart.WaitForSoa(process, port, origin, _ => true);
                var reloads = new List<TimeSpan>();
                string text = File.ReadAllText(zone);
                for (int round = 1; round <= rounds; round++)
                {
                    uint serial = ZoneGenerator.Serial + (uint)round;
                    File.WriteAllText(zone, text.Replace(ZoneGenerator.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        serial.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                    var watch = Stopwatch.StartNew();
                    Run(knotc, "-s", Path.Combine(directory, "knot.sock"), "-b", "zone-reload", origin);
                    reloads.Add(watch.Elapsed);
                    ServerStart.WaitForSoa(process, port, origin, answered => answered == serial);
                }
                reloads.Sort();
                return new KnotResult(Version(knotd), start, reloads.Count > 0 ? reloads[reloads.Count / 2] : TimeSpan.Zero, TimeSpan.Zero);
            }
            finally
            {
                ServerStart.Stop(process);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Config(string directory, int port, string origin) => $"""
        server:
            rundir: "{directory}"
            listen: 127.0.0.1@{port}
        control:
            listen: "{directory}/knot.sock"
        log:
          - target: stderr
            any: warning
        database:
            storage: "{directory}/db"
        template:
          - id: default
            storage: "{directory}/zones"
            file: "%s.zone"
            zonefile-sync: -1
            zonefile-load: whole
            journal-content: none
        zone:
          - domain: {origin}
        """;

    private static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {output}");
        return output;
    }

    private static string Version(string knotd) => Run(knotd, "-V").Trim();

    private static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/local/sbin"))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}

internal sealed record KnotResult(string Version, TimeSpan StartToAnswer, TimeSpan Reload, TimeSpan StartToAnswerTiny);

/// <summary>DnsLb's side of the comparison.</summary>
internal sealed record Comparison(ColdResult ColdLoad, TimeSpan WarmLoad, TimeSpan StartToAnswer, TimeSpan StartToAnswerTiny);
