using DnsLb.Protocol;
using DnsLb.Transfer.Secondary;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>Stands in for the snapshot: remembers what is served and every publish and withdrawal, in order.</summary>
internal sealed class RecordingPublisher : ISecondaryZonePublisher
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DnsName, Zone> _served = [];
    private readonly List<string> _events = [];

    public void Publish(Zone zone)
    {
        lock (_lock)
        {
            _served[zone.Origin] = zone;
            _events.Add($"publish {zone.Origin} {zone.Serial}");
        }
    }

    public void Withdraw(DnsName origin)
    {
        lock (_lock)
        {
            _served.Remove(origin);
            _events.Add($"withdraw {origin}");
        }
    }

    public uint? Serial(string origin)
    {
        lock (_lock)
            return _served.TryGetValue(DnsName.Parse(origin), out var zone) ? zone.Serial : null;
    }

    public Zone? Served(string origin)
    {
        lock (_lock)
            return _served.GetValueOrDefault(DnsName.Parse(origin));
    }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
                return [.. _events];
        }
    }
}
