namespace DnsLb.Zones;

/// <summary>
/// Every zone served at one moment, keyed by apex. Immutable: a reload builds a new set (reusing the zones
/// that did not change) and publishes it inside a new <see cref="Serving.ServingSnapshot"/>, in one reference
/// swap, so a query sees either the old or the new zones.
/// </summary>
public sealed class ZoneSet
{
    public static readonly ZoneSet Empty = new([]);

    private readonly Dictionary<byte[], Zone> _zones;
    private readonly Dictionary<byte[], Zone>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public ZoneSet(IEnumerable<Zone> zones)
    {
        _zones = new Dictionary<byte[], Zone>(NameKeyComparer.Instance);
        foreach (var zone in zones)
            _zones[zone.OriginKey] = zone;
        _lookup = _zones.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public IReadOnlyCollection<Zone> Zones => _zones.Values;

    /// <summary>The zone with the longest apex that <paramref name="lowerName"/> is at or below, if any.</summary>
    public Zone? FindZone(ReadOnlySpan<byte> lowerName)
    {
        int position = 0;
        while (true)
        {
            if (_lookup.TryGetValue(lowerName[position..], out var zone))
                return zone;
            if (lowerName[position] == 0)
                return null;
            position += lowerName[position] + 1;
        }
    }
}
