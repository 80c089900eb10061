using System.Globalization;
using System.Runtime.CompilerServices;
using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// Type and class mnemonics in master files (RFC 1035 §5.1), case-insensitive, and the generic
/// <c>TYPEnnn</c> / <c>CLASSnnn</c> forms of RFC 3597 §5. Looked up in a table built once from the enums,
/// so a record's type costs one hash of its token, not a scan of every name. Compiled optimized at once, as
/// <see cref="ZoneFileParser"/> explains.
/// </summary>
internal static class RecordTypeNames
{
    private static readonly Dictionary<string, RecordType>.AlternateLookup<ReadOnlySpan<char>> Types =
        Table<RecordType>().GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, RecordClass>.AlternateLookup<ReadOnlySpan<char>> Classes =
        Table<RecordClass>().GetAlternateLookup<ReadOnlySpan<char>>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseType(ReadOnlySpan<char> text, out RecordType type)
    {
        if (TryParseGeneric(text, "TYPE", out ushort value))
        {
            type = (RecordType)value;
            return true;
        }
        return Types.TryGetValue(text, out type);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseClass(ReadOnlySpan<char> text, out ushort recordClass)
    {
        if (TryParseGeneric(text, "CLASS", out recordClass))
            return true;
        if (Classes.TryGetValue(text, out var known))
        {
            recordClass = (ushort)known;
            return true;
        }
        return false;
    }

    private static bool TryParseGeneric(ReadOnlySpan<char> text, string prefix, out ushort value)
    {
        value = 0;
        return text.Length > prefix.Length
            && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static Dictionary<string, T> Table<T>() where T : struct, Enum
    {
        var table = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<T>())
            table[value.ToString()] = value;
        return table;
    }
}
