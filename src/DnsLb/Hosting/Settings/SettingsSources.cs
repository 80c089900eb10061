using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Where a setting's value came from, for error lines: the command line, an environment variable, or a
/// settings file and its line. The source that wins is the last one that sets the key or anything under it.
/// </summary>
internal sealed class SettingsSources(IConfiguration configuration)
{
    public string? Describe(string path)
    {
        if (configuration is not IConfigurationRoot root)
            return null;
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(path, out _) || provider.GetChildKeys([], path).Any())
                return Describe(provider, path);
        }
        // An item of a list given as one value (--Forwarding:Upstreams=x is Forwarding:Upstreams:0): the list's source.
        int colon = path.LastIndexOf(':');
        return colon > 0 && path[(colon + 1)..].All(char.IsAsciiDigit) && path.Length > colon + 1 ? Describe(path[..colon]) : null;
    }

    /// <summary>The source <paramref name="provider"/> stands for; null for the program's own in-memory settings.</summary>
    public static string? Describe(IConfigurationProvider provider, string path) => provider switch
    {
        CommandLineConfigurationProvider => "command line",
        EnvironmentVariablesConfigurationProvider => $"environment variable {path.Replace(":", "__", StringComparison.Ordinal)}",
        FileConfigurationProvider file => DescribeFile(file, path),
        _ => null,
    };

    private static string DescribeFile(FileConfigurationProvider file, string path)
    {
        var physical = file.Source.Path is { } relative ? file.Source.FileProvider?.GetFileInfo(relative).PhysicalPath : null;
        if (physical is null)
            return file.Source.Path ?? "settings file";
        var name = JsonSettingsFile.DisplayName(physical);
        return JsonSettingsFile.LineOf(physical, path) is { } line ? $"{name}:{line}" : name;
    }
}
