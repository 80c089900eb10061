using DnsLb.Answering;
using DnsLb.Zones;

namespace DnsLb.Balancing;

/// <summary>
/// Answers a pool's A/AAAA RRset with every healthy member in a fresh uniformly random order (Fisher–Yates),
/// at most MaxAnswers of them (a uniformly random subset); with none healthy, WhenAllDown decides.
/// Names that are not pools keep zone order. One selector belongs to one snapshot: its plans were built for
/// that snapshot's zones, so a query never pairs a zone with plans made for another. Allocation-free:
/// indexes are shuffled in place.
/// </summary>
internal sealed class PoolAddressSelector(Dictionary<RRSet, PoolPlan> plans) : IAddressSelector
{
    /// <summary>The plans, keyed by the RRset (by reference) they answer.</summary>
    public IReadOnlyDictionary<RRSet, PoolPlan> Plans => plans;

    public AddressSelection Select(RRSet set, Span<int> order, out int count)
    {
        if (!plans.TryGetValue(set, out var plan))
            return ZoneOrderSelector.Instance.Select(set, order, out count);

        var members = plan.Members;
        count = 0;
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].IsServable)
                order[count++] = i;
        }
        if (count == 0)
        {
            switch (plan.Pool.Options.WhenAllDown)
            {
                case WhenAllDown.None:
                    return AddressSelection.NoData;
                case WhenAllDown.ServFail:
                    return AddressSelection.ServFail;
                default:
                    for (int i = 0; i < members.Length; i++)
                        order[count++] = i;
                    break;
            }
        }
        count = Shuffle.TakeRandom(order[..count], plan.Pool.Options.MaxAnswers);
        return AddressSelection.Records;
    }
}
