using DnsLb.Answering;
using DnsLb.Zones;

namespace DnsLb.Balancing;

/// <summary>
/// Answers a pool's A/AAAA RRset with the members <see cref="PoolAnswerRule"/> allows (healthy and not
/// drained, as a rule) in a fresh uniformly random order (Fisher–Yates), at most MaxAnswers of them (a
/// uniformly random subset). Names that are not pools keep zone order. One selector belongs to one
/// snapshot: its plans were built for that snapshot's zones, so a query never pairs a zone with plans made
/// for another. Allocation-free: indexes are shuffled in place.
/// </summary>
/// <param name="plans">The plans, keyed by the RRset (by reference) they answer.</param>
/// <param name="pools">The pools configured when the plans were made, with or without members.</param>
internal sealed class PoolAddressSelector(Dictionary<RRSet, PoolPlan> plans, IReadOnlyList<Pool> pools) : IAddressSelector
{
    public IReadOnlyDictionary<RRSet, PoolPlan> Plans => plans;

    public IReadOnlyList<Pool> Pools => pools;

    public AddressSelection Select(RRSet set, Span<int> order, out int count)
    {
        if (!plans.TryGetValue(set, out var plan))
            return ZoneOrderSelector.Instance.Select(set, order, out count);

        var selection = PoolAnswerRule.Choose(plan.Members, plan.Pool.Options.WhenAllDown, order, out count);
        if (selection == AddressSelection.Records)
            count = Shuffle.TakeRandom(order[..count], plan.Pool.Options.MaxAnswers);
        return selection;
    }
}
