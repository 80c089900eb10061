namespace HealthProbe.Probes;

/// <summary>
/// How much one probe result says about the node, which decides how soon it is confirmed. Rise and Fall
/// still count every result alike: evidence changes when the confirming probe comes, never how many it takes.
/// </summary>
public enum Evidence
{
    /// <summary>
    /// It may be a fluke of the moment, or of the prober: no answer in time (a timeout, a probe past the
    /// node's learned deadline), an error nothing on the node said. Its confirmation keeps its patience:
    /// it starts no sooner than the recheck delay after the probe that saw it began.
    /// </summary>
    Ambiguous,

    /// <summary>
    /// The node itself answered, so asking again at once asks the same node the same question: its kernel
    /// refused or reset the connection, its web server answered a status outside the expected range (or no
    /// HTTP at all, or a certificate that fails validation), or it answered as expected. Confirmed by an
    /// immediate second probe.
    /// </summary>
    Definitive,
}
