using System.Diagnostics.CodeAnalysis;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// Everything a query reads, at one moment: the zones as served (<see cref="Served"/>: each zone's version
/// with its served serial, its history for IXFR, and its Healthy version for secondaries that want one), and
/// what is derived from them, the pools' answer plans behind <see cref="Addresses"/> (the selection every A
/// and AAAA RRset passes through, in every section). Immutable: a reload, a secondary zone's new version or a
/// health change that changes a Healthy version builds the next snapshot whole, beside the one being served,
/// and publishes it with one reference swap (<see cref="ServingState"/>); a query or a transfer reads that
/// reference once and answers from it alone, so it never pairs a zone with plans made for another version,
/// nor an SOA with another version's transfer. Health changes make no new snapshot for answering: a plan
/// points at each member, whose health is a volatile read of its own.
/// </summary>
public sealed class ServingSnapshot(ServedZones served, IAddressSelector addresses, long version) : ITransferZoneSource
{
    /// <summary>What is served before the first load: nothing.</summary>
    public static readonly ServingSnapshot Empty = new(ServedZones.Empty, ZoneOrderSelector.Instance, 0);

    /// <summary>The zones answered (each zone's All version).</summary>
    public ZoneSet Zones => Served.Answered;

    /// <summary>The Healthy versions, answered to the secondaries that transfer them; null while none does.</summary>
    public ZoneSet? HealthyZones => Served.Healthy;

    public ServedZones Served { get; } = served;

    /// <summary>The address selection made for these zones: pools' members by health, other names in zone order.</summary>
    public IAddressSelector Addresses { get; } = addresses;

    /// <summary>Counts the snapshots published since start (the first load is 1), for logs and tests.</summary>
    public long Version { get; } = version;

    public bool TryGetZone(DnsName origin, TransferMembers members, [NotNullWhen(true)] out ServedZone? zone) => Served.TryGetZone(origin, members, out zone);
}
