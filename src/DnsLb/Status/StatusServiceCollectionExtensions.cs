using DnsLb.Forwarding;
using DnsLb.Hosting.Settings;
using DnsLb.Status.Metrics;
using DnsLb.Status.Webhooks;
using DnsLb.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DnsLb.Status;

/// <summary>Registers the status endpoint, the metrics, drain commands and webhooks.</summary>
internal static class StatusServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Status</c> settings (validated on start), the query metrics the answer path counts into
    /// (<see cref="DnsMetrics"/>), the /metrics sections, <see cref="DrainCommands"/>, the webhooks (fed by
    /// every health change and drain) and the HTTP endpoint, started with the host.
    /// </summary>
    /// <remarks>
    /// Needs, registered by the caller: <see cref="IStatusSource"/>, <see cref="IDrainControl"/>, a
    /// <see cref="TimeProvider"/>, a <c>HealthRegistry</c> and logging. The transport's and the forwarder's
    /// counters join /metrics when they are registered too.
    /// </remarks>
    public static IServiceCollection AddStatus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StatusOptions>(configuration, StatusOptions.Section);

        services.TryAddSingleton<DnsMetrics>();
        services.AddSingleton<IMetricsSection, QueryMetricsSection>();
        services.AddSingleton<IMetricsSection, StatusMetricsSection>();
        services.AddSingleton<IMetricsSection>(sp => sp.GetService<TransportCounters>() is { } counters ? new TransportMetricsSection(counters) : EmptyMetricsSection.Instance);
        services.AddSingleton<IMetricsSection>(sp => sp.GetService<Forwarder>() is { IsEnabled: true } forwarder ? new ForwardingMetricsSection(forwarder.Counters) : EmptyMetricsSection.Instance);
        services.AddSingleton<IMetricsSection, WebhookMetricsSection>();
        services.AddSingleton<MetricsExposition>();

        services.TryAddSingleton(WebhookDelivery.Default);
        services.AddSingleton<WebhookCounters>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddHostedService<HealthChangeWebhooks>();
        services.AddSingleton<DrainCommands>();

        services.AddSingleton<StatusPage>();
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<StatusEndpoint>();
        services.AddSingleton<StatusServer>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusServer>());
        return services;
    }
}
