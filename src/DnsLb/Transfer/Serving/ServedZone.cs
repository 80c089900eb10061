using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// One zone as served to secondaries: the current version and the history IXFR answers from. A new
/// version's content (a reloaded file, or the zone as health now filters it) goes through <see cref="Next"/>,
/// which keeps the serial moving forward (RFC 1982): the content's own serial when it is newer, else one
/// above the last served one (an edited file whose serial was not raised, a health change). Content equal to
/// the current version (its serial not raised) is no new version. Immutable, for the published snapshot to carry.
/// </summary>
public sealed class ServedZone
{
    private ServedZone(Zone zone, ZoneHistory history)
    {
        Zone = zone;
        History = history;
    }

    /// <summary>The version served now, with the serial secondaries see.</summary>
    public Zone Zone { get; }

    public ZoneHistory History { get; }

    public uint Serial => Zone.Serial;

    public static ServedZone First(Zone zone, HistoryLimits limits) => new(zone, new ZoneHistory(limits));

    /// <summary>
    /// The served zone after <paramref name="content"/> (same origin) replaces the current version: this one
    /// when nothing changed, else a new version with the next serial and the step in its history.
    /// </summary>
    public ServedZone Next(Zone content)
    {
        if (!content.OriginKey.AsSpan().SequenceEqual(Zone.OriginKey))
            throw new ArgumentException($"{content.Origin} is not {Zone.Origin}", nameof(content));
        var change = ZoneDiff.Compute(Zone, content);
        if (change.IsEmpty && !SoaChanged(content))
            return this;
        var serial = SerialNumber.Next(new SerialNumber(content.Serial), new SerialNumber(Zone.Serial));
        var served = serial.Value == content.Serial ? content : ZoneRewrite.WithSerial(content, serial.Value);
        var step = new ZoneDelta(ZoneRecords.SoaRecord(Zone), ZoneRecords.SoaRecord(served), change.Removed, change.Added);
        return new ServedZone(served, History.Add(step));
    }

    /// <summary>The SOA's TTL or a field other than the serial changed, or the serial was raised (a lowered serial alone is no change).</summary>
    private bool SoaChanged(Zone content)
    {
        var (old, now) = (Zone.Soa, content.Soa);
        return content.SoaSet.Ttl != Zone.SoaSet.Ttl || !now.Primary.Equals(old.Primary) || !now.Mailbox.Equals(old.Mailbox)
            || now.Refresh != old.Refresh || now.Retry != old.Retry || now.Expire != old.Expire || now.Minimum != old.Minimum
            || new SerialNumber(now.Serial).IsNewerThan(new SerialNumber(old.Serial));
    }
}
