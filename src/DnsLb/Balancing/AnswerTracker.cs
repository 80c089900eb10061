using DnsLb.Answering;
using HealthProbe.Registry;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Balancing;

/// <summary>
/// Notes when each member leaves the answers and comes back: after every health change, every drain and
/// every snapshot published, it works out with <see cref="PoolAnswerRule"/> which members the served plans
/// answer, and stamps a member that is no longer answered with the time it found out. That time is never
/// earlier than the last answer that could carry the member (the change was published before it is looked
/// at), which is what "safe to stop" counts the TTL from. Subscribed from host start to host stop.
/// </summary>
internal sealed class AnswerTracker(HealthRegistry health, DrainRegistry drains, TimeProvider time) : IHostedService
{
    private readonly Lock _lock = new();
    private PoolAddressSelector? _served;

    /// <summary>The plans of the snapshot just published: they are the ones answering from now on.</summary>
    public void Follow(PoolAddressSelector served)
    {
        lock (_lock)
        {
            _served = served;
            Evaluate(served);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        health.Changed += OnHealthChanged;
        drains.Changed += Reevaluate;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        health.Changed -= OnHealthChanged;
        drains.Changed -= Reevaluate;
        return Task.CompletedTask;
    }

    private void OnHealthChanged(HealthChange change) => Reevaluate();

    private void Reevaluate()
    {
        lock (_lock)
        {
            if (_served is { } served)
                Evaluate(served);
        }
    }

    private void Evaluate(PoolAddressSelector served)
    {
        var now = time.GetUtcNow();
        foreach (var plan in served.Plans.Values)
        {
            var members = plan.Members;
            var order = new int[members.Length];
            var answered = new bool[members.Length];
            if (PoolAnswerRule.Choose(members, plan.Pool.Options.WhenAllDown, order, out int count) == AddressSelection.Records)
            {
                for (int i = 0; i < count; i++)
                    answered[order[i]] = true;
            }
            for (int i = 0; i < members.Length; i++)
                members[i].SetAnswered(answered[i], now);
        }
    }
}
