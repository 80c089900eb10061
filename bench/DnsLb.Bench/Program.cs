using DnsLb.Bench;

// The zone-load benchmark (bench/README.md): load time and allocations of generated zones, and the
// 200,000-record zone beside Knot DNS when knotd is installed.
if (args is ["--cold", var coldFile])
    return ColdLoad.RunChild(coldFile);

if (!BenchOptions.TryParse(args, out var options, out var usage))
{
    Console.Error.WriteLine(usage);
    return 2;
}

var work = Directory.CreateTempSubdirectory("dnslb-bench-").FullName;
try
{
    Report.Header(options);
    var load = new LoadBenchmark(options.Rounds);
    foreach (int size in options.Sizes)
    {
        var file = Path.Combine(work, $"size{size}", ZoneGenerator.Origin + "zone");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        int records = ZoneGenerator.Write(file, size);
        Report.Load(records, new FileInfo(file).Length, load.Measure(file));
    }

    if (options.Compare > 0)
    {
        var directory = Path.Combine(work, "compare");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, ZoneGenerator.Origin + "zone");
        int records = ZoneGenerator.Write(file, options.Compare);
        var ours = new Comparison(
            ColdLoad.Measure(file),
            load.Measure(file).Median,
            ServerStart.DnsLb(directory, ZoneGenerator.Origin));
        var knot = options.Knot ? KnotBenchmark.TryMeasure(file, ZoneGenerator.Origin, options.Rounds) : null;
        Report.Comparison(records, ours, knot);
    }
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}
