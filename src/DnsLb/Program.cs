using DnsLb.Check;
using DnsLb.Demo;
using DnsLb.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Host wiring only: build, check settings, load zones and bind (the steps that fail on bad input), then
// serve until stopped. Every problem is one line on standard error, and the exit code is 2.
// "demo" as the first argument adds three in-process web nodes and a pool on a non-privileged port; "check"
// checks the settings and the zones without serving (exit code 1 when anything is wrong).
try
{
    if (args.Length > 0 && args[0] == "demo")
        return await DemoMode.RunAsync(args[1..]);
    if (args.Length > 0 && args[0] == "check")
        return CheckCommand.Run(args[1..], Console.Out);

    using var host = DnsLbHost.Build(args);
    if (DnsLbHost.Prepare(host) is { } problem)
        return Fail(problem.Split(Environment.NewLine));
    await host.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    return Fail(e.Lines);
}
catch (OptionsValidationException e)
{
    return Fail(e.Failures.Select(f => $"invalid setting: {f}"));
}

static int Fail(IEnumerable<string> lines)
{
    foreach (var line in lines)
        Console.Error.WriteLine($"dnslb: {line}");
    return 2;
}
