namespace DnsLb.Forwarding;

/// <summary>The TTL rules an answer is stored under, from <see cref="ForwardingOptions"/>.</summary>
internal readonly record struct CacheLimits(uint MaxTtl, uint MaxNegativeTtl, uint StaleSeconds, uint FailureSeconds)
{
    public static CacheLimits From(ForwardingOptions options) => new(
        (uint)options.MaxTtlSeconds, (uint)options.MaxNegativeTtlSeconds, (uint)options.StaleSeconds, (uint)options.FailureCacheSeconds);
}
