using HealthProbe.Registry;

namespace DnsLb.Balancing;

/// <summary>
/// How to answer one A or AAAA RRset of a pool: the pool, and the health target of each record, in the
/// RRset's order, so answering checks health by index without any lookup.
/// </summary>
internal sealed record PoolPlan(Pool Pool, HealthTarget[] Targets);
