namespace DnsLb.Hosting.Settings;

/// <summary>
/// The one settings file DnsLb reads: <c>dnslb.json</c> in the working directory when there is one (the
/// operator's file, kept apart from the program, so installing a new version never replaces it), else
/// <c>appsettings.json</c> beside the program (the defaults it ships with, documented). Never both: what
/// the operator's file leaves out takes the built-in default, so a pool the shipped file declares for the
/// example cannot linger in a deployment that does not want it.
/// </summary>
internal sealed record SettingsFile(string FullPath)
{
    public const string OperatorFileName = "dnslb.json";
    public const string DefaultsFileName = "appsettings.json";

    /// <summary>The file for this process: the working directory's <c>dnslb.json</c>, else the program's <c>appsettings.json</c>.</summary>
    public static SettingsFile Find()
    {
        var local = Path.GetFullPath(OperatorFileName);
        return new SettingsFile(File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, DefaultsFileName));
    }

    /// <summary>The file as error lines name it (see <see cref="JsonSettingsFile.DisplayName"/>).</summary>
    public string DisplayName => JsonSettingsFile.DisplayName(FullPath);
}
