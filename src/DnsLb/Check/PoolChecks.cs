using DnsLb.Balancing;
using DnsLb.Hosting.Settings;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Check;

/// <summary>
/// Warnings about pools that would work, but not as well as they could: a pool whose name has no A or AAAA
/// record in any zone (nothing to balance), a pool with one node (nothing to answer instead when it fails),
/// and a pool TTL over <see cref="MaxAdvisedTtl"/> s (resolvers and clients keep a dead node's address that long).
/// </summary>
internal static class PoolChecks
{
    /// <summary>The longest pool TTL that lets clients notice an exclusion soon: browsers cache about a minute anyway.</summary>
    public const uint MaxAdvisedTtl = 30;

    public static void Run(PoolsOptions pools, ZoneChecks zones, SettingsSources sources, CheckReport report)
    {
        foreach (var key in pools.Keys)
        {
            var name = key.TrimEnd('.');
            var dnsName = DnsName.Parse(name + ".");
            var sets = PoolMembership.AddressSets(zones.Zones, dnsName);
            if (sets.Count == 0 && (zones.InRejectedZone(dnsName) || zones.InSecondaryZone(dnsName)))
                continue; // its zone has errors, reported above; or comes from a primary, its records unknown until transferred
            if (sets.Count == 0)
            {
                report.Warning(sources.Describe($"{PoolOptions.Section}:{key}") ?? "settings",
                    $"pool {name} is configured, but no zone has an A or AAAA record at {name}.: nothing to balance");
                continue;
            }
            var zone = zones.Zones.FindZone(dnsName.LowerWire)!;
            var addresses = sets.SelectMany(s => s.Records.Cast<AddressData>().Select(a => a.Address)).Distinct().ToList();
            if (addresses.Count < 2)
                report.Warning(LineOf(zones, zone, dnsName, sets[0].Type),
                    $"pool {name} has one node ({addresses[0]}): when it fails there is no other address to answer; add a second");
            foreach (var set in sets)
            {
                if (set.Ttl > MaxAdvisedTtl)
                    report.Warning(LineOf(zones, zone, dnsName, set.Type),
                        $"pool {name}: {set.Type} TTL {set.Ttl} s; resolvers and clients may keep a dead node's address that long (keep a pool's TTL at {MaxAdvisedTtl} s or less; the example uses 5)");
            }
        }
    }

    /// <summary><c>file:line</c> of the first <paramref name="type"/> record at <paramref name="name"/> in the zone's files.</summary>
    private static string LineOf(ZoneChecks zones, Zone zone, DnsName name, RecordType type)
    {
        var parse = zones.ParseOf(zone);
        if (parse is not null && parse.Names.TryFind(name.LowerWire, out int owner))
        {
            foreach (var record in parse.Records)
            {
                if (record.Owner == owner && record.Data.Type == type)
                    return $"{parse.Files[record.Source.File]}:{record.Source.Line}";
            }
        }
        return zone.Source;
    }
}
