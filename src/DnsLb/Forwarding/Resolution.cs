namespace DnsLb.Forwarding;

/// <summary>What the clients waiting on one forwarded question get: the answer, and whether it is served stale.</summary>
internal readonly record struct Resolution(CachedAnswer Answer, bool Stale);
