namespace HealthProbe.State;

/// <summary>When the next probe of a node should come, after one result (see <see cref="RiseFallTracker.Next"/>).</summary>
public enum NextProbe
{
    /// <summary>The result agrees with the state: nothing to confirm, the next probe comes after the interval.</summary>
    AfterInterval,

    /// <summary>
    /// The result points away from the state and is definitive: confirm it now, since the node has just
    /// said what it will say again.
    /// </summary>
    AtOnce,

    /// <summary>
    /// The result points away from the state but is ambiguous: confirm it once the recheck delay has
    /// passed since the probe that saw it began (at once if that probe already took longer).
    /// </summary>
    AfterRecheck,
}
