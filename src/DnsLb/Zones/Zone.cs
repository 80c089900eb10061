using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones;

/// <summary>
/// An immutable snapshot of one zone: its apex, SOA, and every node keyed by lowercased wire name, empty
/// non-terminals included. Built aside by <see cref="ZoneBuilder"/> and swapped in whole, never edited.
/// </summary>
public sealed class Zone
{
    // Names are numbered once, as the zone is built: the index maps a lowercased wire name to its node.
    private readonly Dictionary<byte[], int> _index;
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly ZoneNode[] _nodes;

    internal Zone(DnsName origin, RRSet soa, Dictionary<byte[], int> index, ZoneNode[] nodes, int recordCount, string source)
    {
        Origin = origin;
        OriginKey = origin.ToLowerWire();
        SoaSet = soa;
        Soa = (SoaData)soa.Items[0];
        _index = index;
        _nodes = nodes;
        _lookup = index.GetAlternateLookup<ReadOnlySpan<byte>>();
        RecordCount = recordCount;
        Source = source;
        NegativeTtl = Math.Min(soa.Ttl, Soa.Minimum);
    }

    public DnsName Origin { get; }

    /// <summary>The apex as a lowercased wire name.</summary>
    public byte[] OriginKey { get; }

    public RRSet SoaSet { get; }

    public SoaData Soa { get; }

    public uint Serial => Soa.Serial;

    /// <summary>RFC 2308 §5: negative answers live min(SOA TTL, SOA MINIMUM) seconds.</summary>
    public uint NegativeTtl { get; }

    public int RecordCount { get; }

    /// <summary>The file the zone was loaded from.</summary>
    public string Source { get; }

    public int NodeCount => _nodes.Length;

    public IReadOnlyList<ZoneNode> Nodes => _nodes;

    /// <summary>Finds a node by lowercased wire name, without allocating.</summary>
    public bool TryGetNode(ReadOnlySpan<byte> lowerName, out ZoneNode node)
    {
        if (_lookup.TryGetValue(lowerName, out int index))
        {
            node = _nodes[index];
            return true;
        }
        node = null!;
        return false;
    }

    public ZoneNode? GetNode(DnsName name) => _index.TryGetValue(name.ToLowerWire(), out int index) ? _nodes[index] : null;
}
