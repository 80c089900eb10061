namespace DnsLb.Status;

/// <summary>
/// When a member that left the answers may be stopped: once the pool's TTL plus a second has passed since
/// it left (no client that asked DnsLb still holds its address in a cache that honours TTLs), and only while
/// another member of the pool is up (else stopping it leaves the pool with no working node).
/// </summary>
internal static class SafeToStopRule
{
    /// <summary>Added to the TTL for clocks and in-flight answers.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>When it becomes safe, ignoring the other members; null while the member is answered.</summary>
    public static DateTimeOffset? SafeFrom(DateTimeOffset? outOfAnswersSince, int ttlSeconds) =>
        outOfAnswersSince + TimeSpan.FromSeconds(ttlSeconds) + Margin;

    /// <param name="outOfAnswersSince">When the member left the answers (drained, or down); null while it is answered.</param>
    /// <param name="ttlSeconds">The TTL the pool's addresses are answered with.</param>
    /// <param name="anotherMemberUp">Another member of the pool is up and answered (not drained).</param>
    /// <param name="now">The time now.</param>
    public static bool Holds(DateTimeOffset? outOfAnswersSince, int ttlSeconds, bool anotherMemberUp, DateTimeOffset now) =>
        anotherMemberUp && SafeFrom(outOfAnswersSince, ttlSeconds) is { } from && now >= from;
}
