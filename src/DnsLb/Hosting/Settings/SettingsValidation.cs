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
        var properties = SettingsTypes.Properties(target.GetType());
        foreach (var result in validatable.Validate(new ValidationContext(target)))
        {
            var member = result.MemberNames.FirstOrDefault();
            var property = member is null ? null : properties.GetValueOrDefault(member);
            string? value = property is null ? null : SettingValues.Show(property.GetValue(target));
            problems.Add(new SettingProblem(member is null ? path : $"{path}:{member}", value, result.ErrorMessage ?? "is not valid"));
        }
    }
}
