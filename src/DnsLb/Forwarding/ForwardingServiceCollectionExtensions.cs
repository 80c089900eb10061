using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Forwarding;

/// <summary>Registers forwarding: the <see cref="IForwarder"/> the query engine asks for names outside its zones.</summary>
public static class ForwardingServiceCollectionExtensions
{
    /// <remarks>
    /// The options come from the settings system, which binds the <c>Forwarding</c> section strictly and
    /// validates it on start (<c>services.AddSettings&lt;ForwardingOptions&gt;(configuration, "Forwarding")</c>,
    /// as the host does). Needs a <see cref="TimeProvider"/> and logging registered too.
    /// </remarks>
    public static IServiceCollection AddForwarding(this IServiceCollection services)
    {
        services.AddSingleton<Forwarder>();
        services.AddSingleton<IForwarder>(sp => sp.GetRequiredService<Forwarder>());
        return services;
    }
}
