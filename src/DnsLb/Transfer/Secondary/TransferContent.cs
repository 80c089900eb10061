using DnsLb.Protocol;
using DnsLb.Transfer.Serving;

namespace DnsLb.Transfer.Secondary;

/// <summary>What a whole, checked transfer response held.</summary>
public sealed class TransferContent
{
    private TransferContent(TransferKind kind, ResourceRecord soa, IReadOnlyList<ResourceRecord> records, IReadOnlyList<ZoneDelta> steps)
    {
        Kind = kind;
        Soa = soa;
        Records = records;
        Steps = steps;
    }

    /// <summary>The SOA alone (we are current), the whole zone, or the steps since our version.</summary>
    public TransferKind Kind { get; }

    /// <summary>The primary's SOA: the version the response brings.</summary>
    public ResourceRecord Soa { get; }

    /// <summary>For <see cref="TransferKind.Full"/>: every record, the SOA first, the closing SOA left out.</summary>
    public IReadOnlyList<ResourceRecord> Records { get; }

    /// <summary>For <see cref="TransferKind.Incremental"/>: the steps, oldest first.</summary>
    public IReadOnlyList<ZoneDelta> Steps { get; }

    public uint Serial => ((Protocol.RecordData.SoaData)Soa.Data).Serial;

    internal static TransferContent UpToDate(ResourceRecord soa) => new(TransferKind.UpToDate, soa, [], []);

    internal static TransferContent Full(ResourceRecord soa, IReadOnlyList<ResourceRecord> records) => new(TransferKind.Full, soa, records, []);

    internal static TransferContent Incremental(ResourceRecord soa, IReadOnlyList<ZoneDelta> steps) => new(TransferKind.Incremental, soa, [], steps);
}
