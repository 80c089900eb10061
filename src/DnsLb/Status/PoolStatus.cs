namespace DnsLb.Status;

/// <summary>One pool: its settings as far as they decide how fast a dead node leaves the answers, and its members.</summary>
/// <param name="Name">The pool's name as configured, without the final dot ("twopir.example.com").</param>
/// <param name="TtlSeconds">The TTL its addresses are answered with (the larger of its A and AAAA TTLs).</param>
/// <param name="Probe">How each member is checked, in words ("HTTP GET :80/ expecting 200-399").</param>
/// <param name="Timing">The probe timing (interval, timeout, recheck, rise, fall).</param>
/// <param name="Members">Every member, in zone order.</param>
public sealed record PoolStatus(string Name, int TtlSeconds, string Probe, ProbeTiming Timing, IReadOnlyList<MemberStatus> Members)
{
    /// <summary>How long a client may at worst still be handed a dead member, with these settings.</summary>
    public FailoverBudget FailoverBudget => FailoverBudget.For(Timing, TtlSeconds);
}
