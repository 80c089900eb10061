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

    // The comparison first: its fresh processes should not start beside this one's heap of a million records.
    (Comparison Ours, KnotResult? Knot, int Records)? comparison = null;
    if (options.Compare > 0)
    {
        (string File, int Records) Zone(string name, int size)
        {
            var file = Path.Combine(work, name, ZoneGenerator.Origin + "zone");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return (file, ZoneGenerator.Write(file, size));
        }
        var (file, records) = Zone("compare", options.Compare);
        var (tiny, _) = Zone("tiny", 10);
        var ours = new Comparison(
            ColdLoad.Measure(file),
            load.Measure(file).Median,
            ServerStart.DnsLb(Path.GetDirectoryName(file)!, ZoneGenerator.Origin),
            ServerStart.DnsLb(Path.GetDirectoryName(tiny)!, ZoneGenerator.Origin));
        var knot = options.Knot ? KnotBenchmark.TryMeasure(file, tiny, ZoneGenerator.Origin, options.Rounds) : null;
        comparison = (ours, knot, records);
    }

    foreach (int size in options.Sizes)
    {
        var file = Path.Combine(work, $"size{size}", ZoneGenerator.Origin + "zone");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        int records = ZoneGenerator.Write(file, size);
        Report.Load(records, new FileInfo(file).Length, load.Measure(file));
    }
    if (comparison is { } result)
        Report.Comparison(result.Records, result.Ours, result.Knot);
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}
