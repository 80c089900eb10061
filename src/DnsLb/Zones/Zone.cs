using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Zones;

/// <summary>
/// An immutable snapshot of one zone: its apex, SOA, and every node keyed by lowercased wire name, empty
/// non-terminals included. Built aside by <see cref="ZoneBuilder"/> and swapped in whole, never edited.
/// </summary>
public sealed class Zone
{
    private readonly Dictionary<byte[], ZoneNode> _nodes;
    private readonly Dictionary<byte[], ZoneNode>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    internal Zone(DnsName origin, RRSet soa, Dictionary<byte[], ZoneNode> nodes, int recordCount, string source)
    {
        Origin = origin;
        OriginKey = origin.ToLowerWire();
        SoaSet = soa;
        Soa = (SoaData)soa.Items[0];
        _nodes = nodes;
        _lookup = nodes.GetAlternateLookup<ReadOnlySpan<byte>>();
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

    public int NodeCount => _nodes.Count;

    public IEnumerable<ZoneNode> Nodes => _nodes.Values;

    /// <summary>Finds a node by lowercased wire name, without allocating.</summary>
    public bool TryGetNode(ReadOnlySpan<byte> lowerName, out ZoneNode node) => _lookup.TryGetValue(lowerName, out node!);

    public ZoneNode? GetNode(DnsName name) => _nodes.GetValueOrDefault(name.ToLowerWire());
}
