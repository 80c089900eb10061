using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Checks bound options the way DataAnnotations does, through the whole tree (nested options, lists and
/// dictionaries of options): each property's attributes, then the object's own rules
/// (<see cref="IValidatableObject"/>) when its attributes pass. Every failure is kept, named by its full path.
/// </summary>
internal static class SettingsValidation
{
    public static void Validate(object target, string path, List<SettingProblem> problems)
    {
        if (target is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Value is { } value && !SettingsTypes.IsScalar(value.GetType()))
                    Validate(value, $"{path}:{entry.Key}", problems);
            }
            ValidateSelf(target, path, problems);
            return;
        }

        bool attributesPass = true;
        foreach (var property in SettingsTypes.Properties(target.GetType()).Values)
        {
            var value = property.GetValue(target);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.IsValid(value))
                    continue;
                attributesPass = false;
                string message = attribute is RangeAttribute
                    ? $"must be {SettingValues.Allowed(property.PropertyType, property)}"
                    : attribute.FormatErrorMessage(property.Name);
                problems.Add(new SettingProblem($"{path}:{property.Name}", SettingValues.Show(value), message));
            }
            if (value is null || SettingsTypes.IsScalar(property.PropertyType))
                continue;
            if (value is IList list)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item && !SettingsTypes.IsScalar(item.GetType()))
                        Validate(item, $"{path}:{property.Name}:{i}", problems);
                }
            }
            else
            {
                Validate(value, $"{path}:{property.Name}", problems);
            }
        }
        if (attributesPass)
            ValidateSelf(target, path, problems);
    }

    private static void ValidateSelf(object target, string path, List<SettingProblem> problems)
    {
        if (target is not IValidatableObject validatable)
            return;
        foreach (var result in validatable.Validate(new ValidationContext(target)))
        {
            var member = result.MemberNames.FirstOrDefault();
            problems.Add(new SettingProblem(member is null ? path : $"{path}:{member}", ValueOf(target, member), result.ErrorMessage ?? "is not valid"));
        }
    }

    /// <summary>The value of a setting named by a validation result: a property (<c>Port</c>) or an item of a list (<c>Upstreams:1</c>).</summary>
    private static string? ValueOf(object target, string? member)
    {
        if (member is null)
            return null;
        var properties = SettingsTypes.Properties(target.GetType());
        int colon = member.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return properties.GetValueOrDefault(member) is { } property ? ScalarShown(property.GetValue(target)) : null;
        if (properties.GetValueOrDefault(member[..colon])?.GetValue(target) is IList list
            && int.TryParse(member[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            && index < list.Count)
        {
            return ScalarShown(list[index]);
        }
        return null;
    }

    /// <summary>A value worth showing after the setting's name: a scalar or a list. An object (a list item with settings of its own) is named by its path alone.</summary>
    private static string? ScalarShown(object? value) =>
        value is null or IList || SettingsTypes.IsScalar(value.GetType()) ? SettingValues.Show(value) : null;
}
