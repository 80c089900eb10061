using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones.Parsing;

namespace DnsLb.Zones;

/// <summary>
/// Turns parsed records into a <see cref="Zone"/> after the checks that make a zone servable: everything
/// at or below the apex, exactly one SOA and at least one NS at the apex, no CNAME beside other data
/// (RFC 1034 §3.6.2), nothing but glue below a zone cut. All problems are reported, each with its line.
/// Linear in the zone's size: records are grouped by owner by counting (owners are already numbered by
/// the parser), each name's ancestors are visited once, and duplicates are found by hashing wire bytes.
/// The per-name methods are compiled optimized at once, as <see cref="ZoneFileParser"/> explains.
/// </summary>
internal sealed partial class ZoneBuilder
{
    private readonly ZoneFileParseResult _parsed;
    private readonly NameTable _names;
    private readonly DnsName _apex;
    private readonly byte[] _apexKey;
    private readonly List<ZoneError> _errors;

    // Per name (owners first, then the empty non-terminals the tree adds): its node, or null if outside the zone.
    private readonly List<ZoneNode?> _nodes;

    // The records of owner i are _byOwner[_ownerStart[i].._ownerStart[i + 1]], as indexes into the records, in file order.
    private int[] _ownerStart = [];
    private int[] _byOwner = [];
    private int _recordCount;

    private ZoneBuilder(ZoneFileParseResult parsed, DnsName apex)
    {
        _parsed = parsed;
        _names = parsed.Names;
        _apex = apex;
        _apexKey = apex.ToLowerWire();
        _errors = [.. parsed.ErrorList];
        _nodes = new List<ZoneNode?>(_names.Count + _names.Count / 2);
    }

    private ReadOnlySpan<ParsedRecord> Records => CollectionsMarshal.AsSpan(_parsed.Records);

    /// <summary>
    /// Builds the zone <paramref name="parsed"/> holds (<paramref name="source"/> is its file). The empty
    /// non-terminals are added to the parse's name table, which the zone then keeps: build a parse once.
    /// </summary>
    public static ZoneBuildResult Build(ZoneFileParseResult parsed, string source) =>
        parsed.Apex is null ? new ZoneBuildResult(null, parsed.Errors) : new ZoneBuilder(parsed, parsed.Apex).Run(source);

    private ZoneBuildResult Run(string source)
    {
        GroupByOwner();
        int owners = _names.Count;
        int apexIndex = _names.TryFind(_apexKey, out int found) ? found : -1;
        for (int owner = 0; owner < owners; owner++)
            _nodes.Add(BuildNode(owner, owner == apexIndex));
        AddEmptyNonTerminals(owners, apexIndex);
        CheckGlueOnlyBelowCuts(owners);
        var soa = CheckApex(apexIndex);

        if (_errors.Count > 0 || soa is null)
            return new ZoneBuildResult(null, [.. _errors.OrderBy(e => e.Order).Select(e => e.Text)]);
        var zone = new Zone(_apex, soa, _names.Index, [.. _nodes!], _recordCount, source);
        return new ZoneBuildResult(zone, []);
    }

    /// <summary>A counting sort of the record indexes by owner index: stable, so file order is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GroupByOwner()
    {
        var records = Records;
        var start = new int[_names.Count + 1];
        foreach (ref readonly var record in records)
            start[record.Owner + 1]++;
        for (int i = 0; i < _names.Count; i++)
            start[i + 1] += start[i];
        var next = start[..^1];
        var byOwner = new int[records.Length];
        for (int i = 0; i < records.Length; i++)
            byOwner[next[records[i].Owner]++] = i;
        _ownerStart = start;
        _byOwner = byOwner;
    }

    private ReadOnlySpan<int> RecordsOf(int owner) => _byOwner.AsSpan(_ownerStart[owner], _ownerStart[owner + 1] - _ownerStart[owner]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ZoneNode? BuildNode(int owner, bool isApex)
    {
        var name = _names.Name(owner);
        var mine = RecordsOf(owner);
        if (!WireName.IsAtOrBelow(_names.Key(owner), _apexKey))
        {
            foreach (int index in mine)
                Error(index, $"{name} is outside the zone {_apex}");
            return null;
        }

        // Sort by (type, position in the file): each type's records become adjacent, still in file order.
        var records = Records;
        Span<long> order = mine.Length <= 64 ? stackalloc long[mine.Length] : new long[mine.Length];
        for (int k = 0; k < mine.Length; k++)
            order[k] = (long)records[mine[k]].Data.Type << 32 | (uint)mine[k];
        order.Sort();

        var sets = new RRSet[CountTypes(order)];
        int set = 0;
        for (int first = 0; first < order.Length;)
        {
            var type = (RecordType)(order[first] >> 32);
            int end = first + 1;
            while (end < order.Length && (RecordType)(order[end] >> 32) == type)
                end++;
            sets[set++] = BuildSet(name, type, order[first..end], isApex);
            first = end;
        }
        CheckCnameAlone(name, order);
        return new ZoneNode(name, sets, isApex);
    }

    private static int CountTypes(ReadOnlySpan<long> order)
    {
        int count = order.Length > 0 ? 1 : 0;
        for (int k = 1; k < order.Length; k++)
        {
            if (order[k] >> 32 != order[k - 1] >> 32)
                count++;
        }
        return count;
    }

    /// <summary>
    /// One RRset: RFC 2181 §5 holds no duplicates (records compared by their wire bytes, names without
    /// case); RFC 2181 §5.2 gives a set one TTL, here the first one written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RRSet BuildSet(DnsName owner, RecordType type, ReadOnlySpan<long> group, bool isApex)
    {
        var records = Records;
        ref readonly var first = ref records[(int)group[0]];
        var data = new RData[group.Length];
        data[0] = first.Data;
        int count = 1;
        // A handful is compared pairwise; more go through a set, so 2,000 addresses at one name stay linear.
        HashSet<RData>? seen = group.Length > 8 ? new HashSet<RData>(group.Length) { first.Data } : null;
        for (int k = 1; k < group.Length; k++)
        {
            int index = (int)group[k];
            var candidate = records[index].Data;
            if (seen is not null ? !seen.Add(candidate) : data.AsSpan(0, count).Contains(candidate))
                continue;
            data[count++] = candidate;
            CheckAnother(owner, type, index, isApex);
        }
        if (type == RecordType.SOA && !isApex)
        {
            foreach (long entry in group)
                Error((int)entry, $"SOA record at {owner}, which is not the zone apex");
        }
        if (count < data.Length)
            Array.Resize(ref data, count);
        _recordCount += count;
        return new RRSet(owner, type, first.Ttl, data);
    }

    private void Error(int record, string message)
    {
        var source = Records[record].Source;
        _errors.Add(new ZoneError(source.Order, $"{_parsed.Files[source.File]}:{source.Line}: {message}"));
    }
}

/// <summary>A built zone, or the reasons it could not be built.</summary>
internal sealed record ZoneBuildResult(Zone? Zone, IReadOnlyList<string> Errors);
