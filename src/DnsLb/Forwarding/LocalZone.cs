namespace DnsLb.Forwarding;

/// <summary>A locally answered zone a name fell into (see <see cref="LocalNames"/>).</summary>
/// <param name="Apex">The zone's apex, lowercased wire form (the root for single-label names).</param>
/// <param name="AtApex">The name is the apex itself: it exists (SOA and NS there), so other types are NODATA.</param>
/// <param name="IsLocalhost">localhost and names below it: A and AAAA are the loopback addresses (RFC 6761 §6.3).</param>
internal readonly record struct LocalZone(byte[] Apex, bool AtApex, bool IsLocalhost);
