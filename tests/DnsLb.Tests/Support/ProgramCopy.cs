namespace DnsLb.Tests.Support;

/// <summary>
/// The built program copied into a temporary folder with its own appsettings.json, so a test can break
/// that file without touching the copy every other test reads.
/// </summary>
internal sealed class ProgramCopy : IDisposable
{
    private ProgramCopy(string directory) => Directory = directory;

    public string Directory { get; }

    public string SettingsFile => Path.Combine(Directory, "appsettings.json");

    /// <summary>The settings file as the program names it: relative to its working directory (ServerProcess runs it in the temp folder).</summary>
    public string DisplayedSettingsFile => Path.GetRelativePath(Path.GetTempPath(), SettingsFile);

    /// <summary>Copies the program; <paramref name="edit"/> turns the shipped appsettings.json text into the test's.</summary>
    public static ProgramCopy Create(Func<string, string> edit)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("dnslb-program-").FullName;
        foreach (var file in System.IO.Directory.GetFiles(AppContext.BaseDirectory))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        var copy = new ProgramCopy(directory);
        File.WriteAllText(copy.SettingsFile, edit(File.ReadAllText(copy.SettingsFile)));
        return copy;
    }

    /// <summary>The line (from 1) of the first line of the settings file that contains <paramref name="text"/>.</summary>
    public int LineOf(string text) => Array.FindIndex(File.ReadAllLines(SettingsFile), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
