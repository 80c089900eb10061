namespace DnsLb.Forwarding;

/// <summary>
/// What forwarding has done since start, for the metrics endpoint. Interlocked counters: no lock on the
/// query path, and a scrape reads each with one atomic load.
/// </summary>
public sealed class ForwardingCounters
{
    private long _cacheHits;
    private long _cacheMisses;
    private long _staleAnswers;
    private long _localAnswers;
    private long _forwarded;
    private long _coalesced;
    private long _failures;

    internal ForwardingCounters(IReadOnlyList<UpstreamCounters> upstreams) => Upstreams = upstreams;

    /// <summary>Queries answered from the cache while fresh.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Queries the cache could not answer.</summary>
    public long CacheMisses => Interlocked.Read(ref _cacheMisses);

    /// <summary>Expired answers served because every upstream failed (RFC 8767).</summary>
    public long StaleAnswers => Interlocked.Read(ref _staleAnswers);

    /// <summary>Queries answered locally without asking anyone (private reverse zones, special names).</summary>
    public long LocalAnswers => Interlocked.Read(ref _localAnswers);

    /// <summary>Questions sent upstream (one per coalesced group, whatever the number of attempts).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Queries that joined a question already on its way upstream instead of asking again.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Questions that got SERVFAIL because every upstream failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Per upstream, in configuration order.</summary>
    public IReadOnlyList<UpstreamCounters> Upstreams { get; }

    internal void CacheHit() => Interlocked.Increment(ref _cacheHits);
    internal void CacheMiss() => Interlocked.Increment(ref _cacheMisses);
    internal void StaleAnswer() => Interlocked.Increment(ref _staleAnswers);
    internal void LocalAnswer() => Interlocked.Increment(ref _localAnswers);
    internal void Forward() => Interlocked.Increment(ref _forwarded);
    internal void Coalesce() => Interlocked.Increment(ref _coalesced);
    internal void Failure() => Interlocked.Increment(ref _failures);
}
