using System.Runtime.CompilerServices;
using DnsLb.Protocol;
using DnsLb.Zones.Parsing;

namespace DnsLb.Zones;

/// <summary>The rules a zone must keep to be served, each reported at the line that breaks it.</summary>
internal sealed partial class ZoneBuilder
{
    // RFC 4035 §2.5: a signed zone has RRSIG and NSEC beside a CNAME, and that is no conflict.
    private const RecordType Rrsig = RecordType.RRSIG;
    private const RecordType Nsec = RecordType.NSEC;

    /// <summary>Called for every distinct record of a set after its first: some types allow only one.</summary>
    private void CheckAnother(DnsName owner, RecordType type, int record, bool isApex)
    {
        switch (type)
        {
            case RecordType.CNAME:
                Error(record, $"a second CNAME at {owner}; a name has at most one");
                break;
            case RecordType.DNAME: // RFC 6672 §2.4
                Error(record, $"a second DNAME at {owner}; a name has at most one");
                break;
            case RecordType.SOA when isApex:
                Error(record, $"a second SOA record at {owner}; a zone has exactly one");
                break;
        }
    }

    /// <summary>
    /// RFC 1034 §3.6.2, RFC 2181 §10.1: a name with a CNAME has no other data (DNSSEC's RRSIG and NSEC
    /// aside). <paramref name="order"/> holds the node's records as (type, index), sorted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckCnameAlone(DnsName owner, ReadOnlySpan<long> order)
    {
        int cname = -1;
        int other = -1;
        foreach (long entry in order)
        {
            var type = (RecordType)(entry >> 32);
            int index = (int)entry;
            if (type == RecordType.CNAME)
            {
                if (cname < 0)
                    cname = index;
            }
            else if (type is not (Rrsig or Nsec) && (other < 0 || index < other))
            {
                other = index;
            }
        }
        if (cname >= 0 && other >= 0)
        {
            var otherRecord = Records[other];
            Error(cname, $"CNAME at {owner} beside other data ({ResourceRecord.TypeName(otherRecord.Data.Type)} on {Where(cname, other)}); a CNAME must be alone");
        }
    }

    /// <summary>Below a zone cut only glue may be (RFC 1034 §4.2.1): the child zone owns those names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckGlueOnlyBelowCuts(int owners)
    {
        for (int owner = 0; owner < owners; owner++)
        {
            if (_cutAbove[owner] < 0)
                continue;
            var cut = _names.Name(_cutAbove[owner]);
            foreach (int index in RecordsOf(owner))
            {
                var type = Records[index].Data.Type;
                if (type is not (RecordType.A or RecordType.AAAA))
                    Error(index, $"{ResourceRecord.TypeName(type)} at {_names.Name(owner)} is below the delegation at {cut}; only glue (A, AAAA) may be there");
            }
        }
    }

    /// <summary>The apex holds the zone's one SOA and its NS set (RFC 1035 §5.2); returns the SOA set.</summary>
    private RRSet? CheckApex(int apexIndex)
    {
        var apex = apexIndex >= 0 ? _nodes[apexIndex] : null;
        var soa = apex?.Find(RecordType.SOA);
        if (soa is null)
            ErrorAtStart($"no SOA record at the zone apex {_apex}");
        if (apex?.Find(RecordType.NS) is null)
            ErrorAtStart($"no NS record at the zone apex {_apex}");
        return soa;
    }

    /// <summary>A zone-wide problem is reported at the first record (or the first line of an empty file).</summary>
    private void ErrorAtStart(string message)
    {
        if (Records.Length > 0)
            Error(0, message);
        else
            _errors.Add(new ZoneError(0, $"{_parsed.Files[0]}:1: {message}"));
    }

    /// <summary>"line N" when both records are in the same file, else "file:line".</summary>
    private string Where(int record, int other)
    {
        var here = Records[record].Source;
        var there = Records[other].Source;
        return here.File == there.File ? $"line {there.Line}" : $"{_parsed.Files[there.File]}:{there.Line}";
    }
}
