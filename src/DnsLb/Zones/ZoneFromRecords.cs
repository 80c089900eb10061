using DnsLb.Protocol;
using DnsLb.Zones.Parsing;

namespace DnsLb.Zones;

/// <summary>
/// Builds a <see cref="Zone"/> from records that did not come from a zone file (a zone transfer, an
/// incremental change applied to a zone), through the same <see cref="ZoneBuilder"/> and so the same checks
/// as a file: one SOA and NS at the apex, nothing outside it, CNAME alone, only glue below a cut, duplicates
/// merged. Problems read <c>source:N: what is wrong</c>, N counting the records from 1.
/// </summary>
internal static class ZoneFromRecords
{
    /// <param name="apex">The zone's origin.</param>
    /// <param name="records">The records, in the order their sets should keep (an RRset takes its first record's TTL).</param>
    /// <param name="source">What the records came from, as errors and <see cref="Zone.Source"/> name it.</param>
    public static ZoneBuildResult Build(DnsName apex, IEnumerable<ResourceRecord> records, string source)
    {
        var names = new NameTable();
        var parsed = new List<ParsedRecord>();
        var errors = new List<ZoneError>();
        int number = 0;
        foreach (var record in records)
        {
            number++;
            if (record.Class != (ushort)RecordClass.IN)
                errors.Add(new ZoneError(number, $"{source}:{number}: class {ResourceRecord.ClassName(record.Class)} is not served; only IN"));
            else if (IsMetaType(record.Type))
                errors.Add(new ZoneError(number, $"{source}:{number}: {ResourceRecord.TypeName(record.Type)} is not a record type that can appear in a zone"));
            else
                parsed.Add(new ParsedRecord(names.Intern(record.Owner.Wire), record.Ttl, record.Data, new SourceLine(0, number, number)));
        }
        return ZoneBuilder.Build(new ZoneFileParseResult(source, apex, parsed, names, [source], errors), source);
    }

    /// <summary>RFC 6895 §3.1: 0, OPT and the QTYPEs and meta-types 128–255 never appear as zone data.</summary>
    private static bool IsMetaType(RecordType type) =>
        type == RecordType.OPT || (ushort)type == 0 || ((ushort)type >= 128 && (ushort)type <= 255);
}
