using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Applies the steps of an IXFR (RFC 1995 §4) to the zone we hold and builds the new version through the
/// zone builder's checks. Each step must start at the serial the zone is at, remove only records the zone
/// has and add only records it lacks: an inconsistent diff means our copy and the primary's disagree, and
/// the whole transfer is rejected (the caller then asks for the whole zone). Linear in the zone's size: the
/// zone is copied once into sets keyed by owner and type, and each set hashes its records.
/// </summary>
internal static class IxfrApplier
{
    public static ZoneBuildResult Apply(Zone current, IReadOnlyList<ZoneDelta> steps, string source)
    {
        var sets = new IxfrWorkingZone(current);
        uint serial = current.Serial;
        ResourceRecord soa = ZoneRecords.SoaRecord(current);
        foreach (var step in steps)
        {
            if (step.FromSerial != serial)
                return Failed(source, $"an IXFR step starts at serial {step.FromSerial} but the zone is at {serial}");
            foreach (var record in step.Removed)
            {
                if (!sets.Remove(record))
                    return Failed(source, $"serial {step.FromSerial}→{step.ToSerial} removes {record}, which the zone does not hold");
            }
            foreach (var record in step.Added)
            {
                if (!sets.Add(record))
                    return Failed(source, $"serial {step.FromSerial}→{step.ToSerial} adds {record}, which the zone already holds");
            }
            serial = step.ToSerial;
            soa = step.NewSoa;
        }
        return ZoneFromRecords.Build(current.Origin, sets.Records(soa), source);
    }

    private static ZoneBuildResult Failed(string source, string message) => new(null, [$"{source}: {message}"]);
}
