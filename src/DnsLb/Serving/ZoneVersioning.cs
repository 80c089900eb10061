using DnsLb.Balancing;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// Makes each next <see cref="ServedZones"/>: a zone whose content changed (by reference: a file read again,
/// a new transfer) gets its next All version (<see cref="ServedZone.Next"/>: the content's serial when it is
/// newer, else one above the last served, so the serial answered, transferred and seen by secondaries never
/// goes backwards, RFC 1982); a zone seen for the first time starts above what the last run served
/// (<see cref="ServedSerials"/>). While some secondary is listed with Members=Healthy, every zone also has a
/// Healthy version, made again whenever what its pools answer changed (<see cref="HealthyContent"/>).
/// </summary>
internal sealed class ZoneVersioning(HistoryLimits limits, bool keepsHealthy, ServedSerials serials)
{
    /// <summary>True when some secondary is sent Healthy versions.</summary>
    public bool KeepsHealthy => keepsHealthy;

    /// <summary>The served zones for <paramref name="contents"/> (their Healthy versions as they were: call <see cref="WithHealthy"/> next).</summary>
    public ServedZones Advance(ServedZones previous, ZoneSet contents)
    {
        var next = new List<ZoneVersions>(contents.Zones.Count);
        foreach (var content in contents.Zones)
        {
            var before = previous.Find(content);
            if (before is not null && ReferenceEquals(before.Content, content))
                next.Add(before);
            else if (before is not null)
                next.Add(before with { Content = content, All = before.All.Next(content) });
            else
                next.Add(new ZoneVersions(content, First(content, TransferMembers.All), null, null));
        }
        return new ServedZones(next);
    }

    /// <summary>
    /// The served zones with their Healthy versions as <paramref name="selector"/>'s plans answer now (the
    /// plans made for <paramref name="served"/>'s zones); the same object when no Healthy version changed.
    /// </summary>
    public ServedZones WithHealthy(ServedZones served, IReadOnlyDictionary<RRSet, PoolPlan> plans)
    {
        if (!keepsHealthy)
            return served;
        var pools = PoolsByZone(served.Answered, plans);
        bool changed = false;
        var next = new List<ZoneVersions>(served.Zones.Count);
        foreach (var versions in served.Zones)
        {
            var zonePools = pools.GetValueOrDefault(versions.All.Zone) ?? [];
            var basis = HealthyContent.Basis(versions.All.Zone, zonePools);
            if (versions.Healthy is not null && basis.Matches(versions.HealthyBasis))
            {
                next.Add(versions);
                continue;
            }
            var content = HealthyContent.Build(basis, zonePools);
            var healthy = versions.Healthy?.Next(content) ?? First(content, TransferMembers.Healthy);
            next.Add(versions with { Healthy = healthy, HealthyBasis = basis });
            changed = true;
        }
        return changed ? new ServedZones(next) : served;
    }

    /// <summary>Keeps the serials served, for the next start.</summary>
    public void Remember(ServedZones served) => serials.Save(served);

    /// <summary>
    /// The first version of a zone in this run: the content as it is, unless the last run served a serial
    /// the content's is not newer than; then one above that (the same serial for unchanged All content).
    /// </summary>
    private ServedZone First(Zone content, TransferMembers members)
    {
        if (serials.Last(content.Origin, members) is not uint last || (members == TransferMembers.All && last == content.Serial))
            return ServedZone.First(content, limits);
        var serial = SerialNumber.Next(new SerialNumber(content.Serial), new SerialNumber(last)).Value;
        return ServedZone.First(serial == content.Serial ? content : ZoneRewrite.WithSerial(content, serial), limits);
    }

    /// <summary>Each zone's pool RRsets, in a fixed order (owner, then type), from the plans made for <paramref name="zones"/>.</summary>
    private static Dictionary<Zone, List<KeyValuePair<RRSet, PoolPlan>>> PoolsByZone(ZoneSet zones, IReadOnlyDictionary<RRSet, PoolPlan> plans)
    {
        var result = new Dictionary<Zone, List<KeyValuePair<RRSet, PoolPlan>>>(ReferenceEqualityComparer.Instance);
        foreach (var plan in plans)
        {
            if (zones.FindZone(plan.Key.Owner.LowerWire) is not { } zone)
                continue;
            if (!result.TryGetValue(zone, out var list))
                result[zone] = list = [];
            list.Add(plan);
        }
        foreach (var list in result.Values)
        {
            list.Sort(static (a, b) =>
            {
                int byOwner = a.Key.Owner.LowerWire.SequenceCompareTo(b.Key.Owner.LowerWire);
                return byOwner != 0 ? byOwner : a.Key.Type.CompareTo(b.Key.Type);
            });
        }
        return result;
    }
}
