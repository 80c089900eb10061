using HealthProbe.State;

namespace HealthProbe.Registry;

/// <summary>"Node X of group G is now up/down", with the result that decided it.</summary>
public sealed record HealthChange(HealthTarget Target, HealthState From, HealthState To, int Consecutive, string Reason, DateTimeOffset At);
