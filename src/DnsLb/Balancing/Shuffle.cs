namespace DnsLb.Balancing;

/// <summary>Fisher–Yates, stopped after the first k positions: a uniformly random k-permutation.</summary>
internal static class Shuffle
{
    /// <summary>
    /// Puts a uniformly random choice of <paramref name="limit"/> items, in uniformly random order, at the
    /// front of <paramref name="items"/>, and returns how many that is (min of limit and length).
    /// </summary>
    public static int TakeRandom(Span<int> items, int limit)
    {
        int take = Math.Min(limit, items.Length);
        for (int i = 0; i < take; i++)
        {
            int j = Random.Shared.Next(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return take;
    }
}
