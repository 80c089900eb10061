using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Forwarding;

/// <summary>Registers forwarding: its options (section <c>Forwarding</c>, validated on start) and the <see cref="IForwarder"/>.</summary>
public static class ForwardingServiceCollectionExtensions
{
    /// <remarks>Needs a <see cref="TimeProvider"/> and logging registered, as the host does.</remarks>
    public static IServiceCollection AddForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardingOptions>().Bind(configuration.GetSection(ForwardingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>();
        services.AddSingleton<Forwarder>();
        services.AddSingleton<IForwarder>(sp => sp.GetRequiredService<Forwarder>());
        return services;
    }
}
