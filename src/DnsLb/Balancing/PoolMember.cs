using System.Net;
using System.Runtime.CompilerServices;
using DnsLb.Status;
using HealthProbe.Registry;

namespace DnsLb.Balancing;

/// <summary>
/// One node of one pool as answering sees it. The same object stands for the node in every snapshot for as
/// long as its line stays in the zone, so what is kept per node survives reloads: its health target (a
/// volatile reference the probe loop replaces, read once per answer), its drain (a volatile reference
/// <see cref="DrainRegistry"/> sets), and when it last left the answers (<see cref="AnswerTracker"/>'s). A
/// member made anew for a node that stays (its pool's name came back) gets its drain back from the registry.
/// </summary>
internal sealed class PoolMember(string pool, HealthTarget target)
{
    private volatile DrainInfo? _drain;
    private volatile StrongBox<DateTimeOffset>? _outOfAnswersSince;

    /// <summary>The pool's name as configured, without the final dot.</summary>
    public string Pool { get; } = pool;

    public HealthTarget Target { get; } = target;

    public IPAddress Address => Target.Address;

    /// <summary>Not confirmed down by its probes (a node not yet probed counts as healthy).</summary>
    public bool IsHealthy => Target.IsServable;

    /// <summary>Who drained it and when (the file's drain when a file and the API both hold it); null while it is not drained.</summary>
    public DrainInfo? Drain => _drain;

    /// <summary>Taken out of the answers on purpose; still probed. <see cref="PoolAnswerRule"/> says when it is answered all the same.</summary>
    public bool IsDrained => _drain is not null;

    /// <summary>When it last left the answers (drained, down, or the pool's rule); null while it is answered.</summary>
    public DateTimeOffset? OutOfAnswersSince => _outOfAnswersSince?.Value;

    /// <summary>Called by <see cref="DrainRegistry"/> only, under its lock.</summary>
    internal void SetDrain(DrainInfo? drain) => _drain = drain;

    /// <summary>
    /// Called by <see cref="AnswerTracker"/> only, under its lock: answered now, or not since
    /// <paramref name="now"/> unless it already was not.
    /// </summary>
    internal void SetAnswered(bool answered, DateTimeOffset now)
    {
        if (answered)
            _outOfAnswersSince = null;
        else if (_outOfAnswersSince is null)
            _outOfAnswersSince = new StrongBox<DateTimeOffset>(now);
    }
}
