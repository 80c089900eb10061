namespace DnsLb.Status.Webhooks;

/// <summary>What the webhooks did since start, summed over their URLs, for metrics and tests.</summary>
internal sealed class WebhookCounters
{
    private long _sent;
    private long _failed;
    private long _dropped;

    /// <summary>Events a receiver accepted (a 2xx answer).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Events given up on after the last retry, or refused for good (a 4xx answer).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Events never sent because the URL's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void CountFailed() => Interlocked.Increment(ref _failed);

    public void CountDropped() => Interlocked.Increment(ref _dropped);
}
