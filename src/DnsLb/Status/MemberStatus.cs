namespace DnsLb.Status;

/// <summary>One member (node) of a pool.</summary>
/// <param name="Address">The node's address as written in the zone ("192.168.0.121", "2001:db8::1").</param>
/// <param name="State">Up, down, or unknown (not yet confirmed; served).</param>
/// <param name="Drain">Who drained it and when; null when it is not drained.</param>
/// <param name="SafeToStop">
/// True once the pool's TTL plus a second has passed since the member left the answers, while another
/// member of the pool is up: no client that asked DnsLb still holds its address in a cache that honours TTLs.
/// </param>
/// <param name="OutOfAnswersSince">When the member last left the answers (drained or down); null while it is answered.</param>
/// <param name="LastProbe">The latest probe's result; null before the first one finished.</param>
/// <param name="LastChange">When its state last changed; null when it never has.</param>
/// <param name="ProbesOk">Probes that succeeded since it became a member.</param>
/// <param name="ProbesFailed">Probes that failed since it became a member.</param>
/// <param name="Transitions">Its recent state changes, newest first (a few, not the whole history).</param>
public sealed record MemberStatus(
    string Address,
    MemberState State,
    DrainInfo? Drain,
    bool SafeToStop,
    DateTimeOffset? OutOfAnswersSince,
    ProbeReport? LastProbe,
    DateTimeOffset? LastChange,
    long ProbesOk,
    long ProbesFailed,
    IReadOnlyList<MemberTransition> Transitions)
{
    /// <summary>Taken out of the answers on purpose (still probed and shown).</summary>
    public bool Drained => Drain is not null;
}
