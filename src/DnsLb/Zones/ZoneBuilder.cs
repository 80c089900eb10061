using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones.Parsing;

namespace DnsLb.Zones;

/// <summary>
/// Turns parsed records into a <see cref="Zone"/> after the checks that make a zone servable: everything
/// at or below the apex, exactly one SOA and at least one NS at the apex, no CNAME beside other data
/// (RFC 1034 §3.6.2), nothing but glue below a zone cut. All problems are reported, each with its line.
/// </summary>
internal static class ZoneBuilder
{
    public static ZoneBuildResult Build(ZoneFileParseResult parsed, string source)
    {
        if (parsed.Apex is null)
            return new ZoneBuildResult(null, parsed.Errors);

        // Syntax errors and zone-level errors are reported together, in line order.
        var errors = new List<string>(parsed.Errors);
        void Error(int line, string message) => errors.Add($"{parsed.FileName}:{line}: {message}");
        var apex = parsed.Apex;

        // Group records by owner (case-insensitively), then by type, keeping file order.
        var byOwner = new Dictionary<byte[], List<ParsedRecord>>(NameKeyComparer.Instance);
        var ownerOrder = new List<byte[]>();
        foreach (var record in parsed.Records)
        {
            if (!record.Owner.IsAtOrBelow(apex))
            {
                Error(record.Line, $"{record.Owner} is outside the zone {apex}");
                continue;
            }
            var key = record.Owner.ToLowerWire();
            if (!byOwner.TryGetValue(key, out var list))
            {
                byOwner[key] = list = [];
                ownerOrder.Add(key);
            }
            list.Add(record);
        }

        var apexKey = apex.ToLowerWire();
        var apexRecords = byOwner.GetValueOrDefault(apexKey) ?? [];
        var soaRecords = apexRecords.Where(r => r.Data.Type == RecordType.SOA).ToList();
        int firstLine = parsed.Records.Count > 0 ? parsed.Records[0].Line : 1;
        if (soaRecords.Count == 0)
            Error(firstLine, $"no SOA record at the zone apex {apex}");
        foreach (var extra in soaRecords.Skip(1))
            Error(extra.Line, $"a second SOA record at {apex}; a zone has exactly one");
        if (!apexRecords.Any(r => r.Data.Type == RecordType.NS))
            Error(firstLine, $"no NS record at the zone apex {apex}");

        // Zone cuts: names below the apex that own NS records.
        var cuts = ownerOrder.Where(k => !k.AsSpan().SequenceEqual(apexKey) && byOwner[k].Any(r => r.Data.Type == RecordType.NS))
            .Select(k => byOwner[k][0].Owner).ToList();

        var nodes = new Dictionary<byte[], ZoneNode>(NameKeyComparer.Instance);
        int recordCount = 0;
        RRSet? soaSet = null;
        foreach (var key in ownerOrder)
        {
            var records = byOwner[key];
            var owner = records[0].Owner;
            bool isApex = key.AsSpan().SequenceEqual(apexKey);
            CheckPlacement(records, owner, isApex, cuts, Error);
            var sets = BuildSets(records, owner, Error);
            recordCount += sets.Sum(s => s.Count);
            if (isApex)
                soaSet = sets.FirstOrDefault(s => s.Type == RecordType.SOA);
            nodes[key] = new ZoneNode(owner, sets, isApex);
        }

        // Empty non-terminals: every name between an owner and the apex exists (RFC 4592 §2.2.2).
        foreach (var key in ownerOrder)
        {
            for (var name = byOwner[key][0].Owner.Parent(); name.LabelCount > apex.LabelCount; name = name.Parent())
            {
                var parentKey = name.ToLowerWire();
                if (!nodes.ContainsKey(parentKey))
                    nodes[parentKey] = new ZoneNode(name, [], isApex: false);
            }
        }

        if (errors.Count > 0 || soaSet is null)
            return new ZoneBuildResult(null, [.. errors.OrderBy(e => LineOf(e, parsed.FileName))]);
        return new ZoneBuildResult(new Zone(apex, soaSet, nodes, recordCount, source), errors);
    }

    private static int LineOf(string error, string fileName) =>
        int.TryParse(error.AsSpan(fileName.Length + 1, error.IndexOf(':', fileName.Length + 1) - fileName.Length - 1), out int line) ? line : 0;

    private static void CheckPlacement(List<ParsedRecord> records, DnsName owner, bool isApex, List<DnsName> cuts, Action<int, string> error)
    {
        foreach (var record in records)
        {
            if (record.Data.Type == RecordType.SOA && !isApex)
                error(record.Line, $"SOA record at {owner}, which is not the zone apex");
        }

        var cnames = records.Where(r => r.Data.Type == RecordType.CNAME).ToList();
        if (cnames.Count > 0)
        {
            foreach (var extra in cnames.Skip(1))
                error(extra.Line, $"a second CNAME at {owner}; a name has at most one");
            // A signed zone keeps the CNAME's RRSIG and NSEC beside it (RFC 4035 §2.5, RFC 2181 §10.1).
            var other = records.FirstOrDefault(r => r.Data.Type is not (RecordType.CNAME or RecordType.RRSIG or RecordType.NSEC));
            if (other is not null)
                error(cnames[0].Line, $"CNAME at {owner} beside other data ({ResourceRecord.TypeName(other.Data.Type)} on line {other.Line}); a CNAME must be alone");
        }

        // RFC 6672 §2.4: one DNAME per owner (and, by the CNAME rule above, never beside a CNAME).
        foreach (var extra in records.Where(r => r.Data.Type == RecordType.DNAME).DistinctBy(r => r.Data).Skip(1))
            error(extra.Line, $"a second DNAME at {owner}; a name has at most one");

        foreach (var cut in cuts)
        {
            if (owner.Equals(cut) || !owner.IsAtOrBelow(cut))
                continue;
            foreach (var record in records)
            {
                if (record.Data.Type is not (RecordType.A or RecordType.AAAA))
                    error(record.Line, $"{ResourceRecord.TypeName(record.Data.Type)} at {owner} is below the delegation at {cut}; only glue (A, AAAA) may be there");
            }
        }
    }

    private static RRSet[] BuildSets(List<ParsedRecord> records, DnsName owner, Action<int, string> error)
    {
        var sets = new List<RRSet>();
        foreach (var group in records.GroupBy(r => r.Data.Type))
        {
            // RFC 2181 §5: a set holds no duplicates; RFC 2181 §5.2: one TTL per set (the first given).
            var distinct = new List<RData>();
            var seen = new HashSet<RData>();
            foreach (var record in group)
            {
                if (seen.Add(record.Data))
                    distinct.Add(record.Data);
            }
            sets.Add(new RRSet(owner, group.Key, group.First().Ttl, [.. distinct]));
        }
        return [.. sets];
    }
}

/// <summary>A built zone, or the reasons it could not be built.</summary>
internal sealed record ZoneBuildResult(Zone? Zone, IReadOnlyList<string> Errors);
