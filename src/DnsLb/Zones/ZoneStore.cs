namespace DnsLb.Zones;

/// <summary>
/// Holds the zones being served. Readers take <see cref="Current"/> once per query; a loader replaces it
/// whole. This is the one seam between loading (start, and later live reload) and answering.
/// </summary>
public sealed class ZoneStore
{
    private volatile ZoneSet _current = ZoneSet.Empty;

    public ZoneSet Current => _current;

    public void Publish(ZoneSet zones) => _current = zones;
}
