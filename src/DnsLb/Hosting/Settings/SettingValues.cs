using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Turns the text of one setting into its value, strictly (an enum takes only its names, never a number),
/// and says in words what a setting allows, for error lines ("must be one of Tcp, Http, Https").
/// </summary>
internal static class SettingValues
{
    public static bool TryConvert(string text, Type type, out object? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var trimmed = text.Trim();
        value = null;
        if (t == typeof(string))
        {
            value = text;
            return true;
        }
        if (t.IsEnum)
        {
            var name = Enum.GetNames(t).FirstOrDefault(n => n.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
            value = name is null ? null : Enum.Parse(t, name);
            return name is not null;
        }
        bool ok;
        if (t == typeof(int))
        {
            ok = int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number);
            value = number;
        }
        else if (t == typeof(long))
        {
            ok = long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number);
            value = number;
        }
        else if (t == typeof(double))
        {
            ok = double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double number);
            value = number;
        }
        else if (t == typeof(bool))
        {
            ok = bool.TryParse(trimmed, out bool flag);
            value = flag;
        }
        else if (t == typeof(TimeSpan))
        {
            ok = TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span);
            value = span;
        }
        else
        {
            throw new NotSupportedException($"a setting of type {t.Name} is not supported; use text, a number, true/false, an enum or a TimeSpan");
        }
        if (!ok)
            value = null;
        return ok;
    }

    /// <summary>What <paramref name="type"/> allows, in words, with the property's [Range] when it has one.</summary>
    public static string Allowed(Type type, PropertyInfo? property)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var range = property?.GetCustomAttribute<RangeAttribute>();
        string bounds = range is null ? "" : FormattableString.Invariant($" from {range.Minimum} to {range.Maximum}");
        if (t.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(t));
        if (t == typeof(int) || t == typeof(long))
            return "a whole number" + bounds;
        if (t == typeof(double))
            return "a number" + bounds;
        if (t == typeof(bool))
            return "true or false";
        if (t == typeof(TimeSpan))
            return "a duration such as 00:00:05";
        return "text";
    }

    /// <summary>A value as an error line shows it.</summary>
    public static string Show(object? value) => value switch
    {
        null => "(none)",
        "" => "(empty)",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
