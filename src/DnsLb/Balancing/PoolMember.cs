using System.Net;
using HealthProbe.Registry;

namespace DnsLb.Balancing;

/// <summary>
/// One node of one pool as answering sees it. The same object stands for the node in every snapshot for as
/// long as its line stays in the zone, so what is kept per node survives reloads: its health target (a
/// volatile reference the probe loop replaces, read once per answer), and any later per-node state an
/// operator sets, which belongs here beside it, so answering reads it without a snapshot being rebuilt.
/// </summary>
internal sealed class PoolMember(HealthTarget target)
{
    public HealthTarget Target { get; } = target;

    public IPAddress Address => Target.Address;

    /// <summary>Answer this node? Yes unless its probes have confirmed it down (a node not yet probed counts as healthy).</summary>
    public bool IsServable => Target.IsServable;
}
