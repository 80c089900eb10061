using System.Diagnostics;

namespace DnsLb.Tests.Support;

/// <summary>Runs installed programs (dig, kdig, knotd, python3) with a time limit; finds them on PATH.</summary>
internal static class ExternalTool
{
    public static string Require(string name, string package)
    {
        var path = Find(name);
        Assert.True(path is not null, $"{name} is not installed: apt-get install -y {package} (.ci/run does this)");
        return path!;
    }

    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"]))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
