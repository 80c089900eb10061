using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// What a Healthy version of a zone was made from: the All version, and for each member of each of its pool
/// RRsets (in a fixed order) whether it is answered (1) or not (0). The same basis gives the same content, so
/// a health change that changes no answer (a node found up that counted as up until probed) makes no new
/// version and rewrites nothing.
/// </summary>
internal sealed class HealthyBasis(Zone all, byte[] answered)
{
    public Zone All { get; } = all;

    public ReadOnlySpan<byte> Answered => answered;

    public bool Matches(HealthyBasis? other) => other is not null && ReferenceEquals(other.All, All) && other.Answered.SequenceEqual(Answered);
}
