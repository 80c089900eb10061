using DnsLb.Forwarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Forwarding;

public sealed class ForwardingRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddForwarding(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddForwarding_UpstreamsConfigured_ForwarderIsEnabled()
    {
        using var provider = Build(new() { ["Forwarding:Upstreams:0"] = "127.0.0.1:5300", ["Forwarding:AllowedNetworks:0"] = "127.0.0.0/8" });

        var forwarder = provider.GetRequiredService<IForwarder>();

        Assert.True(forwarder.IsEnabled);
        Assert.True(forwarder.IsRecursionAllowed(ClientAddress.FromIPAddress(System.Net.IPAddress.Loopback)));
        Assert.False(forwarder.IsRecursionAllowed(ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.1"))));
        Assert.Equal("127.0.0.1:5300", Assert.Single(forwarder.Counters.Upstreams).Upstream);
    }

    [Fact]
    public void AddForwarding_NothingConfigured_ForwardingIsOff()
    {
        using var provider = Build([]);

        Assert.False(provider.GetRequiredService<IForwarder>().IsEnabled);
    }

    [Fact]
    public void AddForwarding_BadSettings_EveryProblemReportedOnStart()
    {
        using var provider = Build(new() { ["Forwarding:Upstreams:0"] = "router.lan", ["Forwarding:TimeoutMs"] = "5" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ForwardingOptions>>().Value);

        Assert.Contains(e.Failures, f => f.StartsWith("Forwarding:Upstreams:0 = router.lan: ", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Forwarding:TimeoutMs = 5: ", StringComparison.Ordinal));
    }
}
