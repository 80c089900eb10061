using DnsLb.Zones;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// The recent versions of one zone as a chain of <see cref="ZoneDelta"/>s, oldest first, each starting at the
/// serial the one before ends at: what an IXFR is answered from (RFC 1995 §4). Bounded by
/// <see cref="HistoryLimits"/>. Immutable: adding a step makes a new history (sharing the steps), so a
/// published snapshot can carry it and a reader never sees it change.
/// </summary>
public sealed class ZoneHistory
{
    private readonly ZoneDelta[] _steps;

    public ZoneHistory(HistoryLimits limits)
        : this(limits, [], 0)
    {
    }

    private ZoneHistory(HistoryLimits limits, ZoneDelta[] steps, int records)
    {
        Limits = limits;
        _steps = steps;
        RecordCount = records;
    }

    public HistoryLimits Limits { get; }

    /// <summary>The steps kept, oldest first.</summary>
    public IReadOnlyList<ZoneDelta> Steps => _steps;

    /// <summary>The records the steps hold, SOAs included: what <see cref="HistoryLimits.MaxRecords"/> bounds.</summary>
    public int RecordCount { get; }

    /// <summary>
    /// The history with <paramref name="step"/> as its newest step. A step that does not start where the
    /// history ends (the zone was replaced wholesale) starts a new chain; the oldest steps go past the limits.
    /// </summary>
    public ZoneHistory Add(ZoneDelta step)
    {
        bool chains = _steps.Length == 0 || _steps[^1].ToSerial == step.FromSerial;
        var steps = chains ? [.. _steps, step] : new[] { step };
        int records = (chains ? RecordCount : 0) + step.RecordCount;
        int first = 0;
        while (first < steps.Length && (steps.Length - first > Limits.MaxVersions || records > Limits.MaxRecords))
            records -= steps[first++].RecordCount;
        return new ZoneHistory(Limits, first == 0 ? steps : steps[first..], records);
    }

    /// <summary>
    /// Adds the step from <paramref name="previous"/> to <paramref name="current"/> when the serial moved
    /// forward (RFC 1982); the same serial changes nothing; a serial that went backwards cannot be sent as
    /// a change, so the history starts over empty.
    /// </summary>
    public ZoneHistory Add(Zone previous, Zone current)
    {
        var from = new SerialNumber(previous.Serial);
        var to = new SerialNumber(current.Serial);
        if (to == from)
            return this;
        return to.IsNewerThan(from) ? Add(ZoneDiff.Compute(previous, current)) : new ZoneHistory(Limits);
    }

    /// <summary>
    /// The steps from <paramref name="fromSerial"/> to <paramref name="toSerial"/>, when the history reaches
    /// that far back and ends there; false means the whole zone must be sent.
    /// </summary>
    public bool TryGetChain(uint fromSerial, uint toSerial, out IReadOnlyList<ZoneDelta> chain)
    {
        chain = [];
        if (_steps.Length == 0 || _steps[^1].ToSerial != toSerial)
            return false;
        for (int i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].FromSerial == fromSerial)
            {
                chain = new ArraySegment<ZoneDelta>(_steps, i, _steps.Length - i);
                return true;
            }
        }
        return false;
    }
}
