using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;

namespace DnsLb.Tests.Transfer;

/// <summary>The zones a test primary serves, per members mode; changed by the test at will.</summary>
internal sealed class FakeZoneSource : ITransferZoneSource
{
    private readonly Dictionary<(DnsName, TransferMembers), ServedZone> _zones = [];
    private readonly Lock _lock = new();

    public void Set(ServedZone zone, TransferMembers members = TransferMembers.All)
    {
        lock (_lock)
            _zones[(zone.Zone.Origin, members)] = zone;
    }

    /// <summary>Serves nothing any more: the primary still answers, with errors.</summary>
    public void Clear()
    {
        lock (_lock)
            _zones.Clear();
    }

    public bool TryGetZone(DnsName origin, TransferMembers members, [NotNullWhen(true)] out ServedZone? zone)
    {
        lock (_lock)
            return _zones.TryGetValue((origin, members), out zone);
    }
}
