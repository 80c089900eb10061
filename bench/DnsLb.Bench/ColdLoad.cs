using System.Diagnostics;
using System.Globalization;
using DnsLb.Zones;

namespace DnsLb.Bench;

/// <summary>
/// The first load in a fresh process, as at server start: the JIT compiles the loader on the way and the
/// garbage collector's budgets start small. Runs this program again as a child that loads the file once and
/// prints the milliseconds, its collections and their pause time.
/// </summary>
internal static class ColdLoad
{
    public static ColdResult Measure(string file)
    {
        var info = Self();
        info.ArgumentList.Add("--cold");
        info.ArgumentList.Add(file);
        info.RedirectStandardOutput = true;
        using var child = Process.Start(info)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var fields = output.Split(' ');
        if (child.ExitCode != 0 || fields.Length != 3
            || !double.TryParse(fields[0], CultureInfo.InvariantCulture, out double milliseconds)
            || !double.TryParse(fields[2], CultureInfo.InvariantCulture, out double pause))
            throw new InvalidOperationException($"the cold-load child failed: {output}");
        return new ColdResult(TimeSpan.FromMilliseconds(milliseconds), fields[1], TimeSpan.FromMilliseconds(pause));
    }

    public static int RunChild(string file)
    {
        var watch = Stopwatch.StartNew();
        LoadBenchmark.Check(ZoneLoader.LoadFile(file), file);
        var elapsed = watch.Elapsed;
        Console.Write(string.Create(CultureInfo.InvariantCulture,
            $"{elapsed.TotalMilliseconds:F1} {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:F1}"));
        return 0;
    }

    /// <summary>This program, whether started through its apphost or as <c>dotnet DnsLb.Bench.dll</c>.</summary>
    private static ProcessStartInfo Self()
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            info.ArgumentList.Add(typeof(ColdLoad).Assembly.Location);
        return info;
    }
}

/// <summary>A first load: its time, its collections (gen 0/1/2) and their total pause.</summary>
internal sealed record ColdResult(TimeSpan Time, string Collections, TimeSpan Pause);
