using System.Net;
using DnsLb.Status;

namespace DnsLb.Tests.Status;

/// <summary>
/// A scriptable <see cref="IStatusSource"/>: the test sets the zones and pools and flips members up, down
/// and drained; every read returns the picture as it is now. Also the <see cref="IDrainControl"/> the
/// endpoint drains through, recording each call.
/// </summary>
internal sealed class FakeStatus(TimeProvider time) : IStatusSource, IDrainControl
{
    private readonly Lock _lock = new();
    private readonly List<(string Pool, IPAddress Address, bool Drain, DrainSource Source)> _calls = [];
    private StatusSnapshot _snapshot = StatusSnapshot.Empty;
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public IReadOnlyList<(string Pool, IPAddress Address, bool Drain, DrainSource Source)> DrainCalls
    {
        get
        {
            lock (_lock)
                return [.. _calls];
        }
    }

    public StatusSnapshot Read()
    {
        Interlocked.Increment(ref _reads);
        lock (_lock)
            return _snapshot;
    }

    public void Set(StatusSnapshot snapshot)
    {
        lock (_lock)
            _snapshot = snapshot;
    }

    public MemberStatus Member(string pool, string address) =>
        Read().Pools.Single(p => p.Name == pool).Members.Single(m => m.Address == address);

    /// <summary>Flips a member's state as a probe would: a transition, a last change, a probe result.</summary>
    public void SetState(string pool, string address, MemberState state, string reason, double latencyMs = 1.5)
    {
        var now = time.GetUtcNow();
        UpdateMember(pool, address, m => m with
        {
            State = state,
            LastChange = now,
            LastProbe = new ProbeReport(state == MemberState.Down ? ProbeVerdict.Failed : ProbeVerdict.Ok, reason, latencyMs, now),
            OutOfAnswersSince = state == MemberState.Down ? now : m.Drained ? m.OutOfAnswersSince : null,
            SafeToStop = false,
            Transitions = [new MemberTransition(m.State, state, reason, now), .. m.Transitions.Take(4)],
        });
    }

    public void SetSafeToStop(string pool, string address, bool safe) => UpdateMember(pool, address, m => m with { SafeToStop = safe });

    public DrainResult Drain(string pool, IPAddress address, DrainSource source) => ChangeDrain(pool, address, source, drain: true);

    public DrainResult Undrain(string pool, IPAddress address, DrainSource source) => ChangeDrain(pool, address, source, drain: false);

    private DrainResult ChangeDrain(string pool, IPAddress address, DrainSource source, bool drain)
    {
        lock (_lock)
        {
            _calls.Add((pool, address, drain, source));
            var found = _snapshot.Pools.FirstOrDefault(p => p.Name.Equals(pool, StringComparison.OrdinalIgnoreCase));
            if (found is null)
                return DrainResult.UnknownPool;
            var member = found.Members.FirstOrDefault(m => IPAddress.Parse(m.Address).Equals(address));
            if (member is null)
                return DrainResult.UnknownMember;
            if (member.Drained == drain)
                return DrainResult.Unchanged;
            var now = time.GetUtcNow();
            var changed = member with
            {
                Drain = drain ? new DrainInfo(source, now) : null,
                OutOfAnswersSince = drain ? now : member.State == MemberState.Down ? member.OutOfAnswersSince : null,
                SafeToStop = false,
            };
            Replace(found.Name, member.Address, changed);
            return DrainResult.Changed;
        }
    }

    private void UpdateMember(string pool, string address, Func<MemberStatus, MemberStatus> change)
    {
        lock (_lock)
            Replace(pool, address, change(_snapshot.Pools.Single(p => p.Name == pool).Members.Single(m => m.Address == address)));
    }

    private void Replace(string pool, string address, MemberStatus member) =>
        _snapshot = _snapshot with
        {
            Pools = [.. _snapshot.Pools.Select(p => p.Name != pool ? p : p with
            {
                Members = [.. p.Members.Select(m => m.Address == address ? member : m)],
            })],
        };
}
