using System.Globalization;
using System.Runtime.InteropServices;

namespace DnsLb.Bench;

/// <summary>What the benchmark prints: one table of loads, then the comparison with Knot.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Header(BenchOptions options)
    {
        Console.WriteLine($"DnsLb zone load benchmark: {Environment.ProcessorCount} CPUs, {RuntimeInformation.FrameworkDescription}, {LoadAverage()}");
        Console.WriteLine($"load = ZoneLoader.LoadFile (read, parse, build), in this process after a warm-up; median of {options.Rounds}");
        Console.WriteLine();
        Console.WriteLine("     records    file MB   load ms (median)   fastest ms   GC pause ms   allocated MB   bytes/record   GCs 0/1/2     nodes");
    }

    public static void Load(int records, long fileBytes, LoadResult result) =>
        Console.WriteLine(string.Create(Invariant,
            $"{records,12:N0} {fileBytes / 1e6,10:F1} {Ms(result.Median),18} {Ms(result.Fastest),12} {Ms(result.Pause),13} {result.AllocatedBytes / 1e6,14:F1} {result.AllocatedBytes / records,14:N0}   {result.Collections,-9} {result.Nodes,9:N0}"));

    public static void Comparison(int records, Comparison ours, KnotResult? knot)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"{records:N0} records, {ZoneGenerator.PoolSize:N0} addresses at one name, the same file for both servers:"));
        Console.WriteLine($"{"",-44}{"DnsLb",12}{(knot is null ? "" : "Knot"),12}");
        Row("first load in a fresh process (JIT included)", ours.ColdLoad.Time, null);
        Row("load, warm (Knot: knotc -b zone-reload)", ours.WarmLoad, knot?.Reload);
        Row("process start to first answer", ours.StartToAnswer, knot?.StartToAnswer);
        Row("  the same with a 10-record zone", ours.StartToAnswerTiny, knot?.StartToAnswerTiny);
        Console.WriteLine(string.Create(Invariant,
            $"(DnsLb's first load: GCs {ours.ColdLoad.Collections}, paused {Ms(ours.ColdLoad.Pause)} ms of it)"));
        if (knot is null)
        {
            Console.WriteLine("knotd not found (Debian package knot): no comparison");
            return;
        }
        Console.WriteLine(string.Create(Invariant,
            $"DnsLb/Knot: warm load {ours.WarmLoad / knot.Reload:F2}x, start to answer {ours.StartToAnswer / knot.StartToAnswer:F2}x ({knot.Version})"));
    }

    private static void Row(string what, TimeSpan ours, TimeSpan? knot) =>
        Console.WriteLine($"{what,-44}{Ms(ours) + " ms",12}{(knot is { } k ? Ms(k) + " ms" : ""),12}");

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", Invariant);

    private static string LoadAverage()
    {
        const string file = "/proc/loadavg";
        return File.Exists(file) ? $"load average {string.Join(' ', File.ReadAllText(file).Split(' ').Take(3))}" : "load average unknown";
    }
}
