using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// What a transfer query gets from the served version of a zone and its history, and the records that
/// make it up, in order: the SOA first and last (RFC 5936 §2.2); for IXFR, each step as old SOA, removed
/// records, new SOA, added records (RFC 1995 §4); a client already current gets the SOA alone.
/// </summary>
internal sealed class TransferPlan
{
    private TransferPlan(TransferKind kind, Zone zone, IReadOnlyList<ZoneDelta> steps)
    {
        Kind = kind;
        Zone = zone;
        Steps = steps;
    }

    public TransferKind Kind { get; }

    public Zone Zone { get; }

    /// <summary>The steps an incremental answer sends, oldest first (empty otherwise).</summary>
    public IReadOnlyList<ZoneDelta> Steps { get; }

    public static TransferPlan Choose(TransferRequest request, Zone zone, ZoneHistory? history)
    {
        if (request.ClientSerial is not uint client)
            return new TransferPlan(TransferKind.Full, zone, []);
        // RFC 1995 §2: a client whose serial is the same as ours or newer gets our SOA alone. One exactly half
        // the serial circle away is neither older nor newer (RFC 1982 §3.2): it gets the whole zone.
        var compared = SerialNumber.Compare(new SerialNumber(client), new SerialNumber(zone.Serial));
        if (compared is 0 or 1)
            return new TransferPlan(TransferKind.UpToDate, zone, []);
        if (history is not null && history.TryGetChain(client, zone.Serial, out var steps))
            return new TransferPlan(TransferKind.Incremental, zone, steps);
        return new TransferPlan(TransferKind.Full, zone, []);
    }

    /// <summary>The records of the answer, in the order they go on the wire.</summary>
    internal IEnumerable<TransferRecord> Records()
    {
        var soa = ZoneRecords.Soa(Zone);
        switch (Kind)
        {
            case TransferKind.UpToDate:
                yield return soa;
                yield break;
            case TransferKind.Full:
                foreach (var record in ZoneRecords.All(Zone))
                    yield return record;
                break;
            default:
                yield return soa;
                foreach (var step in Steps)
                {
                    yield return TransferRecord.From(step.OldSoa);
                    foreach (var removed in step.Removed)
                        yield return TransferRecord.From(removed);
                    yield return TransferRecord.From(step.NewSoa);
                    foreach (var added in step.Added)
                        yield return TransferRecord.From(added);
                }
                break;
        }
        yield return soa;
    }
}
