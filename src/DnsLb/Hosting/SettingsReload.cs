using DnsLb.Balancing;
using DnsLb.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Hosting;

/// <summary>
/// Reads the settings again while DnsLb runs (the settings file changed, or SIGHUP). The whole configuration
/// goes through the checks it passed at start; only when every setting passes are the new pool settings
/// returned, to be applied at once. Otherwise every problem is logged, one line each as at start, and the
/// running settings stay. Only <c>Pools</c> apply live: a change to another section is logged as waiting
/// for a restart. The file is read again only when its text changed (or when forced), so a refused edit
/// is reported once, not at every re-scan.
/// </summary>
internal sealed partial class SettingsReload(IConfiguration configuration, SettingsFile file, IServiceProvider services, ILogger<SettingsReload> logger)
{
    // The settings of every section that needs a restart, as DnsLb started with them.
    private readonly Dictionary<string, string> _atStart = RestartOnly(configuration, services.GetRequiredService<SettingsSchema>());
    private readonly HashSet<string> _announced = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastText = Read(file.FullPath);

    /// <summary>The new pool settings when the file changed (or <paramref name="force"/>) and all settings are valid; else null.</summary>
    public PoolsOptions? TryReload(bool force)
    {
        var text = Read(file.FullPath);
        if (!force && text == _lastText)
            return null;
        _lastText = text;

        if (JsonSettingsFile.Check(file.FullPath) is { } syntax)
        {
            LogRefused(logger, syntax);
            LogKept(logger, file.DisplayName);
            return null;
        }
        try
        {
            ((IConfigurationRoot)configuration).Reload();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            // The file changed again between the check and the reload; its next change event reads it again.
            LogRefused(logger, $"{file.DisplayName}: {e.Message}");
            LogKept(logger, file.DisplayName);
            return null;
        }
        var problems = SettingsCheck.RunFresh(services);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                LogRefused(logger, problem);
            LogKept(logger, file.DisplayName);
            return null;
        }
        AnnounceRestartOnly();
        return services.GetRequiredService<IOptionsFactory<PoolsOptions>>().Create(Options.DefaultName);
    }

    private void AnnounceRestartOnly()
    {
        foreach (var (section, values) in RestartOnly(configuration, services.GetRequiredService<SettingsSchema>()))
        {
            bool differs = _atStart.GetValueOrDefault(section) != values;
            if (differs && _announced.Add(section))
                LogNeedsRestart(logger, section);
            else if (!differs)
                _announced.Remove(section);
        }
    }

    /// <summary>Each section but Pools, flattened to its keys and values in order, to tell whether it changed.</summary>
    private static Dictionary<string, string> RestartOnly(IConfiguration configuration, SettingsSchema schema) =>
        schema.Sections.Where(s => !s.Equals(PoolOptions.Section, StringComparison.OrdinalIgnoreCase)).ToDictionary(
            s => s,
            s => string.Join("\n", configuration.GetSection(s).AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => $"{p.Key}={p.Value}")),
            StringComparer.OrdinalIgnoreCase);

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message; // unreadable: differs from any text, so it is reported
        }
    }
}
