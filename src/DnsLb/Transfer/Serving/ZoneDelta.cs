using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// The change from one version of a zone to the next, as RFC 1995 §4 sends it: the old SOA, the records
/// removed, the new SOA, the records added. The SOAs mark the step; neither list holds an SOA. A record
/// whose TTL changed is removed and added again. Immutable.
/// </summary>
public sealed class ZoneDelta
{
    public ZoneDelta(ResourceRecord oldSoa, ResourceRecord newSoa, IReadOnlyList<ResourceRecord> removed, IReadOnlyList<ResourceRecord> added)
    {
        if (oldSoa.Data is not SoaData || newSoa.Data is not SoaData)
            throw new ArgumentException("a zone delta is marked by two SOA records");
        OldSoa = oldSoa;
        NewSoa = newSoa;
        Removed = removed;
        Added = added;
    }

    public ResourceRecord OldSoa { get; }

    public ResourceRecord NewSoa { get; }

    public IReadOnlyList<ResourceRecord> Removed { get; }

    public IReadOnlyList<ResourceRecord> Added { get; }

    public uint FromSerial => ((SoaData)OldSoa.Data).Serial;

    public uint ToSerial => ((SoaData)NewSoa.Data).Serial;

    /// <summary>The records this step puts on the wire, its two SOAs included.</summary>
    public int RecordCount => Removed.Count + Added.Count + 2;

    /// <summary>No record other than the SOA changed.</summary>
    public bool IsEmpty => Removed.Count == 0 && Added.Count == 0;

    public override string ToString() => $"{FromSerial} → {ToSerial}: -{Removed.Count} +{Added.Count}";
}
