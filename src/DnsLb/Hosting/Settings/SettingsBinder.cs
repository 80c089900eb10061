using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Binds configuration to options objects and reports, instead of ignoring or throwing, everything that
/// does not fit: an unknown key (a misspelling), a value that does not convert, settings under a value or a
/// value where settings belong. Every problem is collected, each with its full path.
/// <para>
/// A list is taken whole from the last source that sets any of it (configuration merges lists index by
/// index, so <c>--Dns:Listen:0=127.0.0.1</c> over a file's two addresses would keep the file's second), and
/// a single value given for a list (<c>--Dns:Listen=127.0.0.1</c>) is a one-item list.
/// </para>
/// </summary>
internal sealed class SettingsBinder(IConfiguration configuration, List<SettingProblem>? problems)
{
    /// <summary>
    /// Binds <paramref name="section"/> into <paramref name="target"/>. Several options types may share a
    /// section (Dns holds the transport and the zone settings): a key of another type is not unknown, and
    /// only the section's first type reports unknown keys, so each is reported once.
    /// </summary>
    public void Bind(string section, object target, SettingsSchema schema)
    {
        var config = configuration.GetSection(section);
        if (target is IDictionary dictionary && SettingsTypes.DictionaryValue(target.GetType()) is { } valueType)
            BindDictionary(config, dictionary, valueType); // every key is an entry (Pools:<name>)
        else
            BindObject(config, target, schema.KeysOf(section), schema.ReportsUnknownKeys(section, target.GetType()));
    }

    private void BindObject(IConfigurationSection section, object target, IReadOnlyCollection<string>? sectionKeys, bool reportUnknown)
    {
        var properties = SettingsTypes.Properties(target.GetType());
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                if (Bind(child, property.PropertyType, property.GetValue(target), property, out var value))
                    property.SetValue(target, value);
            }
            else if (reportUnknown && !(sectionKeys?.Contains(child.Key, StringComparer.OrdinalIgnoreCase) ?? false))
            {
                var known = sectionKeys ?? properties.Keys;
                Report(child.Path, null, $"unknown setting (check the spelling); {section.Path} has {string.Join(", ", known)}");
            }
        }
    }

    private bool Bind(IConfigurationSection section, Type type, object? current, PropertyInfo? property, out object? value)
    {
        value = current;
        if (SettingsTypes.IsScalar(type))
            return BindScalar(section, type, property, out value);
        if (SettingsTypes.ListElement(type) is { } element)
            return BindList(section, type, element, property, out value);
        if (SettingsTypes.DictionaryValue(type) is { } valueType)
        {
            var dictionary = (IDictionary)(current ?? Activator.CreateInstance(type)!);
            BindDictionary(section, dictionary, valueType);
            value = dictionary;
            return true;
        }
        if (!string.IsNullOrEmpty(section.Value) && !HasChildren(section))
        {
            var first = SettingsTypes.Properties(type).Keys.FirstOrDefault();
            Report(section.Path, section.Value, $"expected settings under it, such as {section.Path}:{first}, not a value");
            return false;
        }
        value = current ?? Activator.CreateInstance(type)!;
        BindObject(section, value, null, reportUnknown: true);
        return true;
    }

    private bool BindScalar(IConfigurationSection section, Type type, PropertyInfo? property, out object? value)
    {
        value = null;
        if (HasChildren(section))
        {
            Report(section.Path, null, $"expected one value ({SettingValues.Allowed(type, property)}), not settings under it");
            return false;
        }
        if (section.Value is null)
            return false;
        if (SettingValues.TryConvert(section.Value, type, out value))
            return true;
        Report(section.Path, SettingValues.Show(section.Value), $"must be {SettingValues.Allowed(type, property)}");
        return false;
    }

    private void BindDictionary(IConfigurationSection section, IDictionary dictionary, Type valueType)
    {
        foreach (var child in section.GetChildren())
        {
            if (!SettingsTypes.IsScalar(valueType) && child.Value is null && !HasChildren(child))
            {
                dictionary[child.Key] = null; // an empty entry ("name": {}): its type's validation says what it needs
                continue;
            }
            var current = dictionary.Contains(child.Key) ? dictionary[child.Key] : null;
            if (Bind(child, valueType, current, null, out var value))
                dictionary[child.Key] = value;
        }
    }

    private bool BindList(IConfigurationSection section, Type listType, Type element, PropertyInfo? property, out object? value)
    {
        var list = (IList)Activator.CreateInstance(listType)!;
        value = list;
        if (!SettingsTypes.IsScalar(element))
        {
            foreach (var (index, child) in Positions(section.Path, section.GetChildren().Select(c => (c.Key, c))))
            {
                if (Bind(child, element, null, null, out var item))
                    list.Add(item);
            }
            return true;
        }
        var items = WholeList(section);
        if (items is null)
            return false;
        foreach (var (path, text) in items)
        {
            if (text is null)
                continue;
            if (SettingValues.TryConvert(text, element, out var item))
                list.Add(item);
            else
                Report(path, SettingValues.Show(text), $"must be {SettingValues.Allowed(element, property)}");
        }
        return true;
    }

    /// <summary>The items of a list of values, from the last source that sets the list or any item; null when none does.</summary>
    private List<(string Path, string? Text)>? WholeList(IConfigurationSection section)
    {
        string path = section.Path;
        if (configuration is not IConfigurationRoot root)
            return HasChildren(section) ? [.. section.GetChildren().Select(c => (c.Path, c.Value))] : section.Value is null ? null : [(path, section.Value)];
        var provider = root.Providers.Reverse().FirstOrDefault(p => p.TryGet(path, out _) || p.GetChildKeys([], path).Any());
        if (provider is null)
            return null;
        var indexes = provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase).Select(i => (i, $"{path}:{i}"));
        var items = new List<(string, string?)>();
        foreach (var (_, itemPath) in Positions(path, indexes))
        {
            if (provider.GetChildKeys([], itemPath).Any())
                Report(itemPath, null, "expected one value, not settings under it");
            else if (provider.TryGet(itemPath, out var text))
                items.Add((itemPath, text));
        }
        if (items.Count == 0 && provider.TryGet(path, out var single) && !string.IsNullOrEmpty(single))
            items.Add((path, single)); // one value given for a list: a one-item list
        return items;
    }

    /// <summary>The entries whose key is a list position, in order; any other key is reported.</summary>
    private IEnumerable<(int Index, T Item)> Positions<T>(string path, IEnumerable<(string Key, T Item)> entries)
    {
        var positioned = new List<(int, T)>();
        foreach (var (key, item) in entries)
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                positioned.Add((index, item));
            else
                Report($"{path}:{key}", null, $"not a position in the list {path} (they are {path}:0, {path}:1, …)");
        }
        return positioned.OrderBy(p => p.Item1);
    }

    private static bool HasChildren(IConfigurationSection section) => section.GetChildren().Any();

    private void Report(string path, string? value, string message) => problems?.Add(new SettingProblem(path, value, message));
}
