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

    /// <summary>
    /// The types whose mnemonic every peer's zone loader knows: those DnsLb reads field by field (each has its
    /// own record-data file). Knot 3.2 rejects ANY in a type bitmap and does not know TA or DLV, for example.
    /// </summary>
    private static readonly FrozenSet<RecordType> Interpreted = new[]
    {
        RecordType.A, RecordType.AAAA, RecordType.NS, RecordType.CNAME, RecordType.PTR, RecordType.DNAME, RecordType.SOA, RecordType.HINFO,
        RecordType.MX, RecordType.TXT, RecordType.SPF, RecordType.RP, RecordType.AFSDB, RecordType.LOC, RecordType.SRV, RecordType.NAPTR,
        RecordType.KX, RecordType.CERT, RecordType.DS, RecordType.CDS, RecordType.SSHFP, RecordType.RRSIG, RecordType.NSEC, RecordType.DNSKEY,
        RecordType.CDNSKEY, RecordType.DHCID, RecordType.NSEC3, RecordType.NSEC3PARAM, RecordType.TLSA, RecordType.SMIMEA, RecordType.OPENPGPKEY,
        RecordType.CSYNC, RecordType.ZONEMD, RecordType.SVCB, RecordType.HTTPS, RecordType.URI, RecordType.CAA,
    }.ToFrozenSet();

    /// <summary>
    /// A type as a zone file must name it for BIND, Knot and NSD to load it: the mnemonic of a type DnsLb
    /// interprets, RFC 3597 §5's <c>TYPEnnn</c> for every other (meta types such as ANY, and the rare or newer
    /// ones a peer may not know). Used wherever RDATA names a type and by the zone file writer.
    /// </summary>
    public static string PresentationName(RecordType type) =>
        Interpreted.Contains(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);
}
