using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// Every zone as served at one moment (see <see cref="ZoneVersions"/>): the versions answered and their
/// zone set, the Healthy versions and theirs when some secondary wants them, and each version's history
/// for IXFR. Immutable, carried whole by the <see cref="ServingSnapshot"/>: a transfer, an SOA query and an
/// answer read the same versions. <see cref="ZoneVersioning"/> makes the next one.
/// </summary>
public sealed class ServedZones : ITransferZoneSource
{
    public static readonly ServedZones Empty = new([]);

    private readonly Dictionary<byte[], ZoneVersions> _zones;

    internal ServedZones(IEnumerable<ZoneVersions> zones)
    {
        _zones = new Dictionary<byte[], ZoneVersions>(NameKeyComparer.Instance);
        foreach (var zone in zones)
            _zones[zone.All.Zone.OriginKey] = zone;
        Answered = new ZoneSet(_zones.Values.Select(z => z.All.Zone));
        Healthy = _zones.Count > 0 && _zones.Values.All(z => z.Healthy is not null) ? new ZoneSet(_zones.Values.Select(z => z.Healthy!.Zone)) : null;
    }

    /// <summary>The zones answered: each zone's All version, with its served serial.</summary>
    public ZoneSet Answered { get; }

    /// <summary>The Healthy versions, answered to the secondaries that transfer them; null while no secondary wants them.</summary>
    public ZoneSet? Healthy { get; }

    internal IReadOnlyCollection<ZoneVersions> Zones => _zones.Values;

    internal ZoneVersions? Find(Zone zone) => _zones.GetValueOrDefault(zone.OriginKey);

    public bool TryGetZone(DnsName origin, TransferMembers members, [NotNullWhen(true)] out ServedZone? zone)
    {
        zone = _zones.TryGetValue(origin.ToLowerWire(), out var versions) ? members == TransferMembers.Healthy ? versions.Healthy : versions.All : null;
        return zone is not null;
    }
}
