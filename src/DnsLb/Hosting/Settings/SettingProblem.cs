namespace DnsLb.Hosting.Settings;

/// <summary>One thing wrong with the settings: the setting's full path, the value given, and what is wrong or allowed.</summary>
internal sealed record SettingProblem(string Path, string? Value, string Message)
{
    /// <summary>One line: <c>Dns:Port = abc (command line): must be a whole number from 0 to 65535</c>.</summary>
    public string Format(SettingsSources sources)
    {
        var head = Value is null ? Path : $"{Path} = {Value}";
        return sources.Describe(Path) is { } where ? $"{head} ({where}): {Message}" : $"{head}: {Message}";
    }

    /// <summary>The place first, as <c>check</c> prints it: <c>dnslb.json:12: invalid setting Dns:Port = abc: must be …</c>.</summary>
    public string FormatLocated(SettingsSources sources)
    {
        var head = Value is null ? Path : $"{Path} = {Value}";
        return $"{sources.Describe(Path) ?? "settings"}: invalid setting {head}: {Message}";
    }
}
