using System.Collections.Frozen;
using System.Globalization;

namespace DnsLb.Protocol;

/// <summary>
/// Type mnemonics (the IANA registry's names, as <see cref="RecordType"/> spells them) and RFC 3597 §5's
/// <c>TYPEnnn</c> for any value, read without case and printed as BIND, Knot and NSD print them.
/// </summary>
public static class RecordTypeNames
{
    private static readonly FrozenDictionary<string, RecordType> ByName =
        Enum.GetValues<RecordType>().ToFrozenDictionary(t => t.ToString(), t => t, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, RecordType>.AlternateLookup<ReadOnlySpan<char>> ByNameOfSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryParse(string text, out RecordType type) => TryParse(text.AsSpan(), out type);

    /// <summary>A mnemonic or <c>TYPEnnn</c> in a span of a larger text: a zone file's types are read without a string each.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out RecordType type)
    {
        if (ByNameOfSpan.TryGetValue(text, out type))
            return true;
        if (text.Length > 4 && text.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out ushort value))
        {
            type = (RecordType)value;
            return true;
        }
        type = 0;
        return false;
    }

    public static string Name(RecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);
}
