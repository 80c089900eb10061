namespace DnsLb.Status;

/// <summary>The body of a successful drain or undrain: the member and whether the request changed it.</summary>
public sealed record DrainResponse(string Pool, string Address, bool Drained, bool Changed);
