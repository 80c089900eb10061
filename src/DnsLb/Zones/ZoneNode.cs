using DnsLb.Protocol;

namespace DnsLb.Zones;

/// <summary>
/// One name in a zone with its RRsets. A node with no RRsets is an empty non-terminal (RFC 4592 §2.2.2):
/// it exists, so queries for it get NODATA rather than NXDOMAIN.
/// </summary>
public sealed class ZoneNode
{
    private readonly RRSet[] _sets;

    internal ZoneNode(DnsName name, RRSet[] sets, bool isApex)
    {
        Name = name;
        _sets = sets;
        IsApex = isApex;
        Cname = Find(RecordType.CNAME);
        Dname = Find(RecordType.DNAME);
        var ns = Find(RecordType.NS);
        Delegation = isApex ? null : ns;
    }

    public DnsName Name { get; }

    public bool IsApex { get; }

    public IReadOnlyList<RRSet> Sets => _sets;

    public RRSet? Cname { get; }

    /// <summary>The DNAME RRset (RFC 6672): it redirects every name below this one, not this name itself.</summary>
    public RRSet? Dname { get; }

    /// <summary>The NS RRset when this node is a zone cut below the apex (RFC 1034 §4.2.1), else null.</summary>
    public RRSet? Delegation { get; }

    public bool IsEmpty => _sets.Length == 0;

    /// <summary>The RRset with the lowest type number (the minimal ANY answer), or null for an empty node.</summary>
    public RRSet? LowestType()
    {
        RRSet? chosen = null;
        foreach (var set in _sets)
        {
            if (chosen is null || set.Type < chosen.Type)
                chosen = set;
        }
        return chosen;
    }

    public RRSet? Find(RecordType type)
    {
        foreach (var set in _sets)
        {
            if (set.Type == type)
                return set;
        }
        return null;
    }
}
