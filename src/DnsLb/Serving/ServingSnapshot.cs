using DnsLb.Answering;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// Everything a query reads, at one moment: the zones, and what is derived from them, the pools' answer
/// plans behind <see cref="Addresses"/> (the selection every A and AAAA RRset passes through, in every
/// section). Immutable: a reload builds the next snapshot whole, beside the one being served, and publishes
/// it with one reference swap (<see cref="ServingState"/>); a query reads that reference once and answers
/// from it alone, so it never pairs a zone with plans made for another version. Health changes make no new
/// snapshot: a plan points at each member, whose health is a volatile read of its own.
/// </summary>
public sealed class ServingSnapshot(ZoneSet zones, IAddressSelector addresses, long version)
{
    /// <summary>What is served before the first load: nothing.</summary>
    public static readonly ServingSnapshot Empty = new(ZoneSet.Empty, ZoneOrderSelector.Instance, 0);

    public ZoneSet Zones { get; } = zones;

    /// <summary>The address selection made for these zones: pools' members by health, other names in zone order.</summary>
    public IAddressSelector Addresses { get; } = addresses;

    /// <summary>Counts the snapshots published since start (the first load is 1), for logs and tests.</summary>
    public long Version { get; } = version;
}
