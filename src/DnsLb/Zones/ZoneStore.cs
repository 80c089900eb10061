namespace DnsLb.Zones;

/// <summary>
/// Holds the zones being served. Readers take <see cref="Current"/> once per query; a loader replaces it
/// whole. This is the one seam between loading (start, and later live reload) and answering.
/// </summary>
public sealed class ZoneStore(IEnumerable<IZoneSetListener> listeners)
{
    private readonly IZoneSetListener[] _listeners = [.. listeners];
    private volatile ZoneSet _current = ZoneSet.Empty;

    public ZoneSet Current => _current;

    /// <summary>Lets every listener prepare for <paramref name="zones"/>, then makes them current.</summary>
    public void Publish(ZoneSet zones)
    {
        foreach (var listener in _listeners)
            listener.ZonesPublishing(zones);
        _current = zones;
    }
}

/// <summary>
/// Told about a new set of zones just before it is served, so that what depends on zone data (pool
/// members) is ready the moment the first query sees the new zones.
/// </summary>
public interface IZoneSetListener
{
    void ZonesPublishing(ZoneSet zones);
}
