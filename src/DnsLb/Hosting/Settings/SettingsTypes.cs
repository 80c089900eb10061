using System.Collections.Concurrent;
using System.Reflection;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// What an options type offers as settings: its public properties with a public getter and setter (a
/// computed property such as <c>EffectivePort</c> is not a setting), and how each kind of type binds.
/// </summary>
internal static class SettingsTypes
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Cache = new();

    /// <summary>The settings of <paramref name="type"/> by name (any letter case), in declaration order.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type) => Cache.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod?.IsPublic == true && p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>A type written as one value: text, a number, true/false, an enum name, a duration.</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan);
    }

    /// <summary>The element type of a <c>List&lt;T&gt;</c>, else null.</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>The value type of a dictionary keyed by text (a <c>Dictionary&lt;string, T&gt;</c> or a subclass), else null.</summary>
    public static Type? DictionaryValue(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>)
                && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }
        return null;
    }
}
