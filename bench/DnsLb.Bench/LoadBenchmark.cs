using System.Diagnostics;
using DnsLb.Zones;

namespace DnsLb.Bench;

/// <summary>
/// Loads a zone file as the server does (<see cref="ZoneLoader.LoadFile"/>: read, parse, build) several
/// times in this process, after a warm-up load, and keeps the median time and what one load allocates.
/// Each load starts after a full collection, so it pays for the collections its own allocations cause.
/// </summary>
internal sealed class LoadBenchmark(int rounds)
{
    public LoadResult Measure(string file)
    {
        Check(ZoneLoader.LoadFile(file), file);
        var times = new List<TimeSpan>();
        long allocated = 0;
        int gen0 = 0, gen1 = 0, gen2 = 0;
        var pauses = new List<TimeSpan>();
        int nodes = 0;
        for (int round = 0; round < rounds; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            var result = ZoneLoader.LoadFile(file);
            times.Add(watch.Elapsed);
            pauses.Add(GC.GetTotalPauseDuration() - paused);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            (gen0, gen1, gen2) = (GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
            nodes = Check(result, file).NodeCount;
        }
        times.Sort();
        pauses.Sort();
        return new LoadResult(times[times.Count / 2], times[0], allocated, $"{gen0}/{gen1}/{gen2}", pauses[pauses.Count / 2], nodes);
    }

    public static Zone Check(ZoneBuildResult result, string file) =>
        result.Zone ?? throw new InvalidOperationException($"{file} did not load: {string.Join("; ", result.Errors.Take(3))}");
}

/// <summary>Median and fastest load, bytes allocated and collections (gen 0/1/2) of one load, median GC pause.</summary>
internal sealed record LoadResult(TimeSpan Median, TimeSpan Fastest, long AllocatedBytes, string Collections, TimeSpan Pause, int Nodes);
