using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Every problem with the settings, found before anything starts, one line each: arguments the command
/// line would ignore, top-level sections nobody reads (a misspelt <c>Pols</c>), and every registered
/// section's validation. The environment is not checked for unknown sections: it holds PATH, HOME and the
/// like, which are configuration too.
/// </summary>
internal static class SettingsCheck
{
    public static List<string> Run(IServiceProvider services)
    {
        var schema = services.GetRequiredService<SettingsSchema>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var lines = new List<string>();
        lines.AddRange(schema.ArgumentProblems);
        lines.AddRange(UnknownSections(configuration, schema));
        foreach (var entry in schema.Entries)
        {
            try
            {
                entry.Resolve(services);
            }
            catch (OptionsValidationException e)
            {
                lines.AddRange(e.Failures.Select(f => "invalid setting: " + f));
            }
        }
        return [.. lines.Distinct()];
    }

    private static IEnumerable<string> UnknownSections(IConfiguration configuration, SettingsSchema schema)
    {
        if (configuration is not IConfigurationRoot root)
            yield break;
        string[] hostKeys = [HostDefaults.ApplicationKey, HostDefaults.EnvironmentKey, HostDefaults.ContentRootKey];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in root.Providers.Where(p => p is not EnvironmentVariablesConfigurationProvider))
        {
            foreach (var key in provider.GetChildKeys([], null))
            {
                if (schema.HasSection(key) || !seen.Add(key))
                    continue;
                if (provider is MemoryConfigurationProvider && hostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    continue; // the host's own settings (content root, environment name)
                var where = SettingsSources.Describe(provider, key) is { } source ? $" ({source})" : "";
                yield return $"invalid setting: {key}{where}: unknown section (check the spelling); the sections are {string.Join(", ", schema.Sections)}";
            }
        }
    }
}
