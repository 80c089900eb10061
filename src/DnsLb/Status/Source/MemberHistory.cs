using System.Collections.Concurrent;
using System.Net;
using HealthProbe.Registry;
using HealthProbe.State;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Status.Source;

/// <summary>
/// The last few state changes of every member, newest first, as the probes reported them (a pool is the
/// HealthProbe group of its name). Subscribed from host start to host stop; a member that leaves and comes
/// back keeps its history.
/// </summary>
internal sealed class MemberHistory(HealthRegistry registry) : IHostedService
{
    /// <summary>Changes kept per member.</summary>
    public const int Kept = 8;

    private readonly ConcurrentDictionary<(string Group, IPAddress Address), MemberTransition[]> _changes = new();

    /// <summary>The recent changes of <paramref name="address"/> in <paramref name="pool"/>, newest first.</summary>
    public IReadOnlyList<MemberTransition> Of(string pool, IPAddress address) => _changes.GetValueOrDefault((pool, address)) ?? [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(HealthChange change)
    {
        var transition = new MemberTransition(StateOf(change.From), StateOf(change.To), change.Reason, change.At);
        _changes.AddOrUpdate(
            (change.Target.Group, change.Target.Address),
            static (_, first) => [first],
            static (_, known, next) => [next, .. known.AsSpan(0, Math.Min(known.Length, Kept - 1))],
            transition);
    }

    public static MemberState StateOf(HealthState state) => state switch
    {
        HealthState.Up => MemberState.Up,
        HealthState.Down => MemberState.Down,
        _ => MemberState.Unknown,
    };
}
