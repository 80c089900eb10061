using System.Globalization;
using System.Text;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// A zone as a standard master file (RFC 1035 §5): a comment saying what it is, <c>$ORIGIN</c>, then one
/// record per line, SOA first, every name absolute, every field in presentation form (RFC 3597 §5's
/// <c>\#</c> form for types without one). BIND, Knot and NSD load it, and so does DnsLb.
/// </summary>
internal static class ZoneFileWriter
{
    public static string Write(Zone zone, string comment)
    {
        var text = new StringBuilder(zone.RecordCount * 48);
        foreach (var line in comment.Split('\n'))
            text.Append("; ").Append(line.TrimEnd('\r')).Append('\n');
        text.Append("$ORIGIN ").Append(zone.Origin).Append('\n');
        foreach (var record in ZoneRecords.AsResourceRecords(ZoneRecords.All(zone)))
            text.Append(CultureInfo.InvariantCulture, $"{record}").Append('\n');
        return text.ToString();
    }
}
