namespace DnsLb.Status;

/// <summary>The body of a refused API request: what is wrong, in one sentence.</summary>
public sealed record ApiError(string Error);
