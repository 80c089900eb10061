namespace DnsLb.Hosting;

/// <summary>The settings cannot be read (e.g. appsettings.json is not valid JSON); each line says what is wrong where.</summary>
public sealed class SettingsException(IReadOnlyList<string> lines) : Exception(string.Join(Environment.NewLine, lines))
{
    public IReadOnlyList<string> Lines { get; } = lines;
}
