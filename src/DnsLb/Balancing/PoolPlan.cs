namespace DnsLb.Balancing;

/// <summary>
/// How to answer one A or AAAA RRset of a pool: the pool (its settings as of this snapshot), and the member
/// behind each record, in the RRset's order, so answering checks health by index without any lookup.
/// </summary>
internal sealed record PoolPlan(Pool Pool, PoolMember[] Members);
