namespace DnsLb.Forwarding;

/// <summary>
/// Which upstream each attempt of one resolution goes to: round the selector's order and round again (a
/// retransmission to the same upstream, with a new ID and port, covers a lost datagram), leaving out an
/// upstream that already gave a definite failure for this question, up to a number of attempts.
/// </summary>
internal sealed class ResolutionPlan(Upstream[] order, int maxAttempts)
{
    private readonly bool[] _excluded = new bool[order.Length];
    private readonly Lock _lock = new();
    private int _next;
    private int _attempts;

    public bool HasNext
    {
        get
        {
            lock (_lock)
                return _attempts < maxAttempts && Array.IndexOf(_excluded, false) >= 0;
        }
    }

    public bool TryTakeNext(out Upstream? upstream)
    {
        lock (_lock)
        {
            upstream = null;
            if (_attempts >= maxAttempts)
                return false;
            for (int i = 0; i < order.Length; i++)
            {
                int candidate = (_next + i) % order.Length;
                if (_excluded[candidate])
                    continue;
                _next = candidate + 1;
                _attempts++;
                upstream = order[candidate];
                return true;
            }
            return false;
        }
    }

    /// <summary>No more attempts to this upstream for this question (it answered SERVFAIL, REFUSED, garbage, or refused the connection).</summary>
    public void Exclude(Upstream upstream)
    {
        lock (_lock)
            _excluded[Array.IndexOf(order, upstream)] = true;
    }
}
