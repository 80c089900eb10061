namespace DnsLb.Forwarding;

/// <summary>
/// The order in which upstreams are asked: those not failing lately, fastest (smoothed RTT) first, then the
/// failing ones, the one that may recover soonest first; configuration order breaks ties.
/// </summary>
internal sealed class UpstreamSelector(IReadOnlyList<Upstream> upstreams, TimeProvider time)
{
    public IReadOnlyList<Upstream> All => upstreams;

    public Upstream[] Order()
    {
        long now = time.GetTimestamp();
        var order = upstreams.ToArray();
        Array.Sort(order, (a, b) =>
        {
            bool aAvoided = a.IsAvoided(now), bAvoided = b.IsAvoided(now);
            if (aAvoided != bAvoided)
                return aAvoided ? 1 : -1;
            int byTime = aAvoided ? a.AvoidUntil.CompareTo(b.AvoidUntil) : a.SmoothedRttTicks.CompareTo(b.SmoothedRttTicks);
            return byTime != 0 ? byTime : a.Index.CompareTo(b.Index);
        });
        return order;
    }
}
