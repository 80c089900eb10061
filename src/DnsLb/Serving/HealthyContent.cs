using DnsLb.Answering;
using DnsLb.Balancing;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Serving;

/// <summary>
/// The content of a zone's Healthy version: its All version with every pool RRset replaced by the members
/// DnsLb answers now, as <see cref="PoolAnswerRule"/> decides it for every query (healthy and not drained,
/// else the healthy drained ones, else WhenAllDown), all of them, in zone order: a stable set, neither
/// shuffled nor capped, so only a change of health or drain changes it. When WhenAllDown answers nothing
/// (None, ServFail) the set is left out: a secondary cannot send SERVFAIL from zone data. Health is read
/// once, into the basis, and the content is made from the basis, so the two always agree.
/// </summary>
internal static class HealthyContent
{
    /// <summary>What the Healthy version of <paramref name="all"/> is made from now; <paramref name="pools"/> are its pool RRsets in a fixed order.</summary>
    public static HealthyBasis Basis(Zone all, IReadOnlyList<KeyValuePair<RRSet, PoolPlan>> pools)
    {
        var answered = new List<byte>();
        foreach (var (_, plan) in pools)
        {
            var order = new int[plan.Members.Length];
            var selection = PoolAnswerRule.Choose(plan.Members, plan.Pool.Options.WhenAllDown, order, out int count);
            var members = new byte[plan.Members.Length];
            if (selection == AddressSelection.Records)
            {
                for (int i = 0; i < count; i++)
                    members[order[i]] = 1;
            }
            answered.AddRange(members);
        }
        return new HealthyBasis(all, [.. answered]);
    }

    /// <summary>
    /// The content <paramref name="basis"/> says: its All version itself when it holds no pool, else that
    /// version rewritten (same serial: the served zone decides the next one).
    /// </summary>
    public static Zone Build(HealthyBasis basis, IReadOnlyList<KeyValuePair<RRSet, PoolPlan>> pools)
    {
        if (pools.Count == 0)
            return basis.All;
        var replacements = new Dictionary<RRSet, IReadOnlyList<RData>>(ReferenceEqualityComparer.Instance);
        int position = 0;
        foreach (var (set, plan) in pools)
        {
            var records = new List<RData>(plan.Members.Length);
            for (int i = 0; i < plan.Members.Length; i++)
            {
                if (basis.Answered[position + i] == 1)
                    records.Add(set.Records[i]);
            }
            replacements[set] = records;
            position += plan.Members.Length;
        }
        return ZoneRewrite.Rewrite(basis.All, basis.All.Serial, set => replacements.GetValueOrDefault(set));
    }
}
