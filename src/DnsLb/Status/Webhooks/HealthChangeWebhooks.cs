using HealthProbe.Registry;
using Microsoft.Extensions.Hosting;

namespace DnsLb.Status.Webhooks;

/// <summary>Hands every health change of a member to the webhooks, from host start to host stop.</summary>
internal sealed class HealthChangeWebhooks(HealthRegistry registry, WebhookNotifier webhooks) : IHostedService
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

    private void OnChanged(HealthChange change) => webhooks.Publish(MemberEvent.ForHealthChange(change));
}
