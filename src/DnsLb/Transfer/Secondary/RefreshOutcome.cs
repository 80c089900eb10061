using System.Net;
using DnsLb.Protocol.RecordData;
using DnsLb.Zones;

namespace DnsLb.Transfer.Secondary;

/// <summary>What one refresh of a secondary zone came to.</summary>
public sealed record RefreshOutcome(RefreshResult Result, Zone? Zone, IPEndPoint? Primary, string? Error)
{
    /// <summary>The SOA a primary confirmed or brought: the timers to go on with (null when the refresh failed).</summary>
    public SoaData? Soa => Result == RefreshResult.Failed ? null : Zone?.Soa;
}
