namespace DnsLb.Forwarding;

/// <summary>What one attempt (or, in the end, the whole resolution) came to: an answer, or why not.</summary>
internal readonly record struct AttemptResult(CachedAnswer? Answer, UpstreamFailure Failure)
{
    public static AttemptResult Failed(UpstreamFailure failure) => new(null, failure);
}
