using System.Diagnostics;
using System.Text;

namespace DnsLb.Tests.Support;

/// <summary>The built DnsLb program run as a separate process, as an operator runs it.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServerProcess(Process process) => _process = process;

    public static ServerProcess Start(params string[] arguments) => Start(AppContext.BaseDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts the program found in <paramref name="programDirectory"/>, with extra environment variables.</summary>
    public static ServerProcess Start(string programDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartIn(Path.GetTempPath(), programDirectory, environment, arguments);

    /// <summary>
    /// Starts the program in <paramref name="workingDirectory"/> (where it looks for dnslb.json and, by default,
    /// zones/). The status endpoint is off (<c>--Status:Listen=</c>) unless the arguments set it.
    /// </summary>
    public static ServerProcess StartIn(string workingDirectory, string programDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(programDirectory, "DnsLb"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Tests run many servers at once: none takes the status endpoint's default port unless it says so.
        if (!arguments.Any(a => a.StartsWith("--Status:Listen", StringComparison.OrdinalIgnoreCase)))
            info.ArgumentList.Add("--Status:Listen=");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._error) server._error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits (bounded) for the process to exit on its own and returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(60_000), "DnsLb did not exit within 60 s");
        _process.WaitForExit(); // flush the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits (bounded) until a line of standard output matches <paramref name="pattern"/>.</summary>
    public System.Text.RegularExpressions.Match WaitForOutput(string pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var match = System.Text.RegularExpressions.Regex.Match(Output, pattern);
            if (match.Success)
                return match;
            Assert.False(_process.HasExited, $"DnsLb exited early:\n{Output}\n{Error}");
            Thread.Sleep(50);
        }
        throw new TimeoutException($"no output matching {pattern}:\n{Output}");
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C would stop it; returns the exit code.</summary>
    public int Stop()
    {
        Signal("TERM");
        return WaitForExit();
    }

    /// <summary>Sends the signal (HUP, TERM, INT) to this process, by its id.</summary>
    public void Signal(string name) =>
        Process.Start("kill", [$"-{name}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (to read /proc/&lt;id&gt;/…).</summary>
    public int Id => _process.Id;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
