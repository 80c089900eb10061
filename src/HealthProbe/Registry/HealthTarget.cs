using System.Net;

namespace HealthProbe.Registry;

/// <summary>
/// One node of one group, as readers see it: <see cref="Health"/> is a volatile reference to the
/// latest snapshot, so a reader on a hot path pays one memory read and never takes a lock.
/// </summary>
public sealed class HealthTarget(string group, IPAddress address)
{
    private volatile NodeHealth _health = NodeHealth.Initial;

    public string Group { get; } = group;

    public IPAddress Address { get; } = address;

    public NodeHealth Health => _health;

    public bool IsServable => _health.IsServable;

    internal void Publish(NodeHealth health) => _health = health;
}
