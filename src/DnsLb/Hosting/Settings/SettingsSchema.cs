using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Which options types are bound to which top-level section: the sections a user may write, the keys each
/// section has, and how to resolve each type (to validate every section at start). One per service
/// collection, filled by <see cref="SettingsServiceCollectionExtensions.AddSettings{TOptions}"/>.
/// </summary>
internal sealed class SettingsSchema
{
    private readonly List<Entry> _entries = [];

    /// <summary>
    /// One options type bound to one section: <see cref="Resolve"/> gives the value the services started with,
    /// <see cref="Fresh"/> binds and validates it again from the configuration as it is now (after a reload).
    /// Both throw <c>OptionsValidationException</c> when the settings are not valid.
    /// </summary>
    public sealed record Entry(string Section, Type Type, Func<IServiceProvider, object> Resolve, Func<IServiceProvider, object> Fresh);

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>Command-line arguments that are not settings, one line each (see <see cref="CommandLineArguments"/>).</summary>
    public IReadOnlyList<string> ArgumentProblems { get; set; } = [];

    public IReadOnlyList<string> Sections => [.. _entries.Select(e => e.Section).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static SettingsSchema Of(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(SettingsSchema))?.ImplementationInstance is SettingsSchema existing)
            return existing;
        var schema = new SettingsSchema();
        services.AddSingleton(schema);
        return schema;
    }

    public void Add(string section, Type type, Func<IServiceProvider, object> resolve, Func<IServiceProvider, object> fresh)
    {
        if (_entries.Any(e => e.Type == type))
            throw new InvalidOperationException($"{type.Name} is already bound to a section");
        _entries.Add(new Entry(section, type, resolve, fresh));
    }

    public bool HasSection(string name) => _entries.Any(e => e.Section.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings directly under <paramref name="section"/>: those of every type bound to it.</summary>
    public IReadOnlyCollection<string> KeysOf(string section) =>
        [.. _entries.Where(e => e.Section.Equals(section, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => SettingsTypes.Properties(e.Type).Values.Select(p => p.Name))];

    /// <summary>Unknown keys at the top of a section are reported by the first type bound to it only.</summary>
    public bool ReportsUnknownKeys(string section, Type type) =>
        _entries.First(e => e.Section.Equals(section, StringComparison.OrdinalIgnoreCase)).Type == type;
}
