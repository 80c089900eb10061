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
/// like, which are configuration too. The same checks run again on the settings as they are now when the
/// settings file changes (<see cref="RunFresh"/>), and for <c>check</c> with the place first (<see cref="Located"/>).
/// </summary>
internal static class SettingsCheck
{
    /// <summary>The problems of the settings the services were started with.</summary>
    public static List<string> Run(IServiceProvider services) => Collect(services, static (entry, provider) => entry.Resolve(provider));

    /// <summary>The problems of the settings as the configuration holds them now (after a reload).</summary>
    public static List<string> RunFresh(IServiceProvider services) => Collect(services, static (entry, provider) => entry.Fresh(provider));

    private static List<string> Collect(IServiceProvider services, Func<SettingsSchema.Entry, IServiceProvider, object> resolve)
    {
        var schema = services.GetRequiredService<SettingsSchema>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var lines = new List<string>();
        lines.AddRange(schema.ArgumentProblems);
        foreach (var (key, where, message) in UnknownSections(configuration, schema))
            lines.Add(where is null ? $"invalid setting: {key}: {message}" : $"invalid setting: {key} ({where}): {message}");
        foreach (var entry in schema.Entries)
        {
            try
            {
                resolve(entry, services);
            }
            catch (OptionsValidationException e)
            {
                lines.AddRange(e.Failures.Select(f => "invalid setting: " + f));
            }
        }
        return [.. lines.Distinct()];
    }

    /// <summary>
    /// Every problem as <c>where: what</c>, where being <c>file:line</c>, <c>command line</c> or
    /// <c>environment variable X</c>: the form <c>check</c> prints, as compilers do.
    /// </summary>
    public static List<string> Located(IServiceProvider services)
    {
        var schema = services.GetRequiredService<SettingsSchema>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var sources = new SettingsSources(configuration);
        var lines = new List<string>();
        lines.AddRange(schema.ArgumentProblems.Select(p => $"command line: {p}"));
        foreach (var (key, where, message) in UnknownSections(configuration, schema))
            lines.Add($"{where ?? "settings"}: invalid setting {key}: {message}");
        foreach (var entry in schema.Entries)
        {
            // The checks of SettingsValidator, kept as values so the place can go first.
            var problems = new List<SettingProblem>();
            var options = Activator.CreateInstance(entry.Type)!;
            new SettingsBinder(configuration, problems).Bind(entry.Section, options, schema);
            SettingsValidation.Validate(options, entry.Section, problems);
            if (problems.Count > 0)
            {
                lines.AddRange(problems.Select(p => p.FormatLocated(sources)));
                continue;
            }
            try
            {
                entry.Fresh(services); // any other validator of the type
            }
            catch (OptionsValidationException e)
            {
                lines.AddRange(e.Failures.Select(f => $"settings: invalid setting: {f}"));
            }
        }
        return [.. lines.Distinct()];
    }

    /// <summary>Top-level sections no options type is bound to: each one, where it was given, and what is wrong.</summary>
    private static IEnumerable<(string Key, string? Where, string Message)> UnknownSections(IConfiguration configuration, SettingsSchema schema)
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
                yield return (key, SettingsSources.Describe(provider, key),
                    $"unknown section (check the spelling); the sections are {string.Join(", ", schema.Sections)}");
            }
        }
    }
}
