using DnsLb.Demo;
using DnsLb.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Host wiring only: build, load zones and bind (the steps that fail on bad input), then serve until stopped.
// "demo" as the first argument adds three in-process web nodes and a pool on a non-privileged port.
try
{
    if (args.Length > 0 && args[0] == "demo")
        return await DemoMode.RunAsync(args[1..]);

    using var host = DnsLbHost.Build(args);
    if (DnsLbHost.Prepare(host) is { } problem)
    {
        Console.Error.WriteLine($"dnslb: {problem}");
        return 2;
    }
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (var failure in e.Failures)
        Console.Error.WriteLine($"dnslb: invalid setting: {failure}");
    return 2;
}
