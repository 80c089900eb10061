namespace DnsLb.Tests.Support;

/// <summary>
/// A folder to run the program in, as an operator's /etc/dnslb: <c>zones/</c> (the example zone unless told
/// otherwise) and, when written, <c>dnslb.json</c>. Deleted on dispose.
/// </summary>
internal sealed class WorkingDirectory : IDisposable
{
    public WorkingDirectory(bool exampleZone = true)
    {
        Path = Directory.CreateTempSubdirectory("dnslb-work-").FullName;
        Directory.CreateDirectory(Zones);
        if (exampleZone)
            File.Copy(TestPaths.ExampleZone, ZoneFile("example.com.zone"));
    }

    public string Path { get; }

    public string Zones => System.IO.Path.Combine(Path, "zones");

    public string SettingsFile => System.IO.Path.Combine(Path, "dnslb.json");

    public string ZoneFile(string name) => System.IO.Path.Combine(Zones, name);

    public void WriteSettings(string json) => File.WriteAllText(SettingsFile, json);

    /// <summary>The line (from 1) of the settings file that contains <paramref name="text"/>.</summary>
    public int SettingsLineOf(string text) => Array.FindIndex(File.ReadAllLines(SettingsFile), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>Runs the program here with <paramref name="arguments"/>.</summary>
    public ServerProcess Run(params string[] arguments) =>
        ServerProcess.StartIn(Path, AppContext.BaseDirectory, new Dictionary<string, string>(), arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
