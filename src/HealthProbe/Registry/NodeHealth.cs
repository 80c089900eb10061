using HealthProbe.Probes;
using HealthProbe.State;

namespace HealthProbe.Registry;

/// <summary>An immutable snapshot of one node's health, replaced whole after every probe.</summary>
public sealed record NodeHealth(
    HealthState State,
    ProbeResult? LastResult,
    DateTimeOffset? LastProbe,
    DateTimeOffset? LastChange,
    long Checks,
    long Failures)
{
    public static readonly NodeHealth Initial = new(HealthState.Unknown, null, null, null, 0, 0);

    /// <summary>Serve this node? Yes unless it is confirmed Down (a node not yet probed counts as healthy).</summary>
    public bool IsServable => State != HealthState.Down;
}
