using BenchmarkDotNet.Running;

// Micro-benchmarks of the query path (README.md beside this file). Every BenchmarkDotNet option works,
// e.g. --filter '*PoolA*' or --job short. They always run in this process (--inProcess): BenchmarkDotNet's
// default builds a separate project per run, which this repository's Directory.Build.props and central
// package versions would reject.
string[] options = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(DnsLb.Micro.QueryPathBenchmarks).Assembly).Run(options);
