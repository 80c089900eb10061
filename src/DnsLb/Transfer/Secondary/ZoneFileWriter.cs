using System.Globalization;
using System.Text;
using DnsLb.Protocol;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// A zone as a standard master file (RFC 1035 §5): a comment saying what it is, <c>$ORIGIN</c>, then one
/// record per line, SOA first, every name absolute, every field in presentation form (RFC 3597 §5's
/// <c>TYPEnnn</c> and <c>\#</c> forms for types without a mnemonic every peer knows). BIND, Knot and NSD
/// load it, and so does DnsLb.
/// </summary>
internal static class ZoneFileWriter
{
    public static string Write(Zone zone, string comment)
    {
        var text = new StringBuilder(zone.RecordCount * 48);
        foreach (var line in comment.Split('\n'))
            text.Append("; ").Append(line.TrimEnd('\r')).Append('\n');
        text.Append("$ORIGIN ").Append(zone.Origin).Append('\n');
        foreach (var record in ZoneRecords.All(zone))
        {
            text.Append(CultureInfo.InvariantCulture, $"{record.Owner} {record.Ttl} IN {RecordTypeNames.PresentationName(record.Data.Type)} {record.Data}")
                .Append('\n');
        }
        return text.ToString();
    }
}
