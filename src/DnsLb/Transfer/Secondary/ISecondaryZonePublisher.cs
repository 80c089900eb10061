using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Where secondary zones go to be served: the snapshot builder implements it, putting the zone beside the
/// file zones (pools then take their members from it as from a file).
/// </summary>
public interface ISecondaryZonePublisher
{
    /// <summary>Serve this version of a secondary zone: the saved copy at start, or a new transfer.</summary>
    void Publish(Zone zone);

    /// <summary>Stop serving the zone: it expired (SOA EXPIRE) without contact with any primary.</summary>
    void Withdraw(DnsName origin);
}
