using DnsLb.Protocol;
using DnsLb.Transfer.Secondary;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// Where <see cref="SecondaryZoneService"/> hands its zones: into the next snapshot, beside the zone files'
/// zones, so they are answered, transferred on and their pools probed exactly as a file's.
/// </summary>
internal sealed class SecondaryZonePublisher(Reloader reloader) : ISecondaryZonePublisher
{
    public void Publish(Zone zone) => reloader.PublishSecondary(zone);

    public void Withdraw(DnsName origin) => reloader.WithdrawSecondary(origin);
}
