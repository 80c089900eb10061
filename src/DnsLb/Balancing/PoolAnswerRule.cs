using DnsLb.Answering;

namespace DnsLb.Balancing;

/// <summary>
/// Which members of one A or AAAA RRset of a pool may be answered, before shuffling and MaxAnswers. In
/// order of preference:
/// <list type="number">
/// <item>the healthy members (up, or not yet probed) that are not drained;</item>
/// <item>when there are none, the healthy drained ones: a drain takes a node out while others can serve,
/// but never leaves a name without a working address (the status says it is not safe to stop then);</item>
/// <item>when no member is healthy, WhenAllDown: <c>All</c> answers the members that are not drained (a
/// drained node may be stopped on purpose; every member when all are drained), <c>None</c> NODATA,
/// <c>ServFail</c> SERVFAIL.</item>
/// </list>
/// The same rule decides answers (<see cref="PoolAddressSelector"/>, per query, allocation-free) and when a
/// member left them (<see cref="AnswerTracker"/>), so the status never disagrees with what was answered.
/// </summary>
internal static class PoolAnswerRule
{
    /// <summary>Writes the indexes of the members that may be answered into <paramref name="order"/> (as long as <paramref name="members"/>).</summary>
    public static AddressSelection Choose(PoolMember[] members, WhenAllDown whenAllDown, Span<int> order, out int count)
    {
        count = 0;
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].IsHealthy && !members[i].IsDrained)
                order[count++] = i;
        }
        if (count > 0)
            return AddressSelection.Records;
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].IsHealthy)
                order[count++] = i;
        }
        if (count > 0)
            return AddressSelection.Records;
        switch (whenAllDown)
        {
            case WhenAllDown.None:
                return AddressSelection.NoData;
            case WhenAllDown.ServFail:
                return AddressSelection.ServFail;
        }
        for (int i = 0; i < members.Length; i++)
        {
            if (!members[i].IsDrained)
                order[count++] = i;
        }
        if (count == 0)
        {
            for (int i = 0; i < members.Length; i++)
                order[count++] = i;
        }
        return AddressSelection.Records;
    }
}
