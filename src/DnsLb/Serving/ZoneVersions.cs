using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// One zone as it is served: the content it was last made from (the zone file's zone, or the version a
/// primary transferred), the version answered and sent to <c>Members=All</c> secondaries, and, while some
/// secondary is listed with <c>Members=Healthy</c>, the version those get, with what it was made from.
/// </summary>
/// <param name="Content">The zone as loaded or transferred; a version is made anew only when this changes (by reference).</param>
/// <param name="All">The version answered and transferred as written, with its history and the served serial.</param>
/// <param name="Healthy">The version with the pool names' addresses as DnsLb answers them now; null when no secondary wants it.</param>
/// <param name="HealthyBasis">What <paramref name="Healthy"/> was made from: the All version and which members were answered.</param>
internal sealed record ZoneVersions(Zone Content, ServedZone All, ServedZone? Healthy, HealthyBasis? HealthyBasis);
