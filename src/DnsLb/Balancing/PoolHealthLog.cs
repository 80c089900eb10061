using HealthProbe.Registry;
using HealthProbe.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>
/// Logs every health change of a pool's node in the operator's words: the HealthProbe library knows groups
/// and nodes; here a group is a pool (<c>pool twopir.example.com: 127.0.0.12 DOWN after 2 failures: connection
/// refused</c>). Subscribed from host start to host stop.
/// </summary>
internal sealed partial class PoolHealthLog(HealthRegistry registry, ILogger<PoolHealthLog> logger) : IHostedService
{
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
        var address = change.Target.Address.ToString();
        if (change.To == HealthState.Down)
            LogDown(logger, change.Target.Group, address, change.Consecutive, change.Consecutive == 1 ? "failure" : "failures", change.Reason);
        else
            LogUp(logger, change.Target.Group, address, change.Consecutive, change.Consecutive == 1 ? "success" : "successes", change.Reason);
    }
}
