namespace DnsLb.Status;

/// <summary>One change of a member's state, with the probe result that decided it.</summary>
public sealed record MemberTransition(MemberState From, MemberState To, string Reason, DateTimeOffset At);
