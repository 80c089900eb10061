using DnsLb.Answering;
using DnsLb.Forwarding;
using DnsLb.Hosting;
using DnsLb.Hosting.Settings;
using DnsLb.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// Forwarding's settings go through the strict settings system like every other section: known, bound as a
/// whole (a list given replaces the whole list), and every problem reported on start, one line each.
/// </summary>
public sealed class ForwardingRegistrationTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSettings<ForwardingOptions>(configuration, ForwardingOptions.Section);
        services.AddForwarding();
        return services.BuildServiceProvider();
    }

    /// <summary>The problems <see cref="DnsLbHost.Prepare"/> reports for these command-line settings (none: empty).</summary>
    private static string[] Problems(params string[] args)
    {
        using var host = DnsLbHost.Build(["--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}", .. args]);
        return DnsLbHost.Prepare(host)?.Split(Environment.NewLine) ?? [];
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
    public void Host_ForwardingSettings_AreAKnownSection() =>
        Assert.Empty(Problems("--Forwarding:Upstreams=127.0.0.1:5300", "--Forwarding:AllowedNetworks:0=127.0.0.1", "--Forwarding:CacheEntries=10"));

    [Fact]
    public void Host_BadForwardingSettings_EveryProblemReportedOnStart_WithWhereItWasGiven()
    {
        var problems = Problems("--Forwarding:Upstreams=router.lan", "--Forwarding:AllowedNetworks:0=10.0.0.0/8", "--Forwarding:AllowedNetworks:1=lan");

        Assert.Equal(2, problems.Length);
        Assert.StartsWith("invalid setting: Forwarding:Upstreams:0 = router.lan (command line): 'router.lan' is not an IP address", problems[0]);
        Assert.StartsWith("invalid setting: Forwarding:AllowedNetworks:1 = lan (command line): ", problems[1]);
    }

    [Fact]
    public void Host_MisspeltForwardingSetting_IsAnError() =>
        Assert.StartsWith("invalid setting: Forwarding:Upsteams (command line): unknown setting (check the spelling); Forwarding has Upstreams, AllowedNetworks",
            Assert.Single(Problems("--Forwarding:Upsteams=127.0.0.1")));

    [Fact]
    public void Host_OutOfRangeForwardingSetting_SaysWhatIsAllowed() =>
        Assert.Equal(["invalid setting: Forwarding:TimeoutMs = 5 (command line): must be a whole number from 100 to 30000"], Problems("--Forwarding:TimeoutMs=5"));

    [Fact]
    public void Host_AllowedNetworksGivenOnTheCommandLine_ReplaceTheWholeListOfTheFile()
    {
        using var host = DnsLbHost.Build([$"--Dns:ZonesDirectory={Zones}", "--Forwarding:AllowedNetworks:0=192.168.1.0/24"]);

        var options = host.Services.GetRequiredService<IOptions<ForwardingOptions>>().Value;

        Assert.Equal(["192.168.1.0/24"], options.AllowedNetworks);
        Assert.Empty(options.Upstreams);
    }
}
