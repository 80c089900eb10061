namespace DnsLb.Serving;

/// <summary>
/// The snapshot being served. Queries read <see cref="Current"/> once each and answer from what they got;
/// the reloader alone publishes, whole snapshots only.
/// </summary>
internal sealed class ServingState
{
    private volatile ServingSnapshot _current = ServingSnapshot.Empty;

    public ServingSnapshot Current => _current;

    public void Publish(ServingSnapshot snapshot) => _current = snapshot;
}
