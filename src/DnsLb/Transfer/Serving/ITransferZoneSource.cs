using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// The zones a primary transfers, as the published snapshot holds them: for each origin and each
/// <see cref="TransferMembers"/> mode, the served version and its history. Read once per transfer.
/// </summary>
public interface ITransferZoneSource
{
    /// <summary>The zone whose apex is exactly <paramref name="origin"/>, as sent to secondaries of <paramref name="members"/>.</summary>
    bool TryGetZone(DnsName origin, TransferMembers members, [NotNullWhen(true)] out ServedZone? zone);
}
