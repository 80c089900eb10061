namespace DnsLb.Status;

/// <summary>
/// What the status page, the JSON API and the metrics read: the zones and the pools as they are now. One
/// call, one consistent picture; the reader never holds it for longer than one response.
/// </summary>
public interface IStatusSource
{
    /// <summary>
    /// The zones and pools now. Called from request threads, possibly at once; cheap enough to call once per
    /// page refresh and per scrape.
    /// </summary>
    StatusSnapshot Read();
}
