using DnsLb.Forwarding;

namespace DnsLb.Tests.Forwarding;

public sealed class ForwardingOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoProblem()
    {
        var options = new ForwardingOptions();
        Assert.Empty(ForwardingSettings.Problems(options));
        Assert.False(options.Enabled);
    }

    [Fact]
    public void Validate_ManyBadSettings_ListsEveryProblemWithItsSetting()
    {
        var options = new ForwardingOptions
        {
            Upstreams = ["192.168.0.1", "router.lan", "192.168.0.1:99999", "tls://192.0.2.1", "https://192.0.2.1", "[::1]:5300"],
            AllowedNetworks = ["10.0.0.0/8", "10.0.0.0/33", "lan"],
            AttemptTimeoutMs = 5000,
            TimeoutMs = 1000,
        };
        var problems = ForwardingSettings.Problems(options);
        Assert.Contains(problems, p => p.StartsWith("Forwarding:Upstreams:1 = router.lan: ", StringComparison.Ordinal) && p.Contains("not an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:Upstreams:2 = 192.168.0.1:99999: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:Upstreams:3 = tls://192.0.2.1: ", StringComparison.Ordinal) && p.Contains("#name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:Upstreams:4 = https://192.0.2.1: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:AllowedNetworks:1 = 10.0.0.0/33: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:AllowedNetworks:2 = lan: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Forwarding:AttemptTimeoutMs = 5000: must not exceed Forwarding:TimeoutMs (1000)", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void Validate_ValuesOutOfRange_ListsEachWithWhatIsAllowed()
    {
        var options = new ForwardingOptions { CacheEntries = -1, MaxTtlSeconds = 0, TimeoutMs = 5 };
        var problems = ForwardingSettings.Problems(options);
        Assert.Contains("Forwarding:CacheEntries = -1: must be a whole number from 0 to 10000000", problems);
        Assert.Contains("Forwarding:MaxTtlSeconds = 0: must be a whole number from 1 to 604800", problems);
        Assert.Contains("Forwarding:TimeoutMs = 5: must be a whole number from 100 to 30000", problems);
        Assert.Equal(3, problems.Count);
    }

    [Theory]
    [InlineData("192.168.0.1", "192.168.0.1:53", null)]
    [InlineData("192.168.0.1:5353", "192.168.0.1:5353", null)]
    [InlineData("[fd00::1]:5353", "[fd00::1]:5353", null)]
    [InlineData("fd00::1", "[fd00::1]:53", null)]
    [InlineData("tls://192.0.2.1#dns.example.net", "192.0.2.1:853", "dns.example.net")]
    [InlineData("tls://[2001:db8::1]:8853#dns.example.net.", "[2001:db8::1]:8853", "dns.example.net")]
    public void UpstreamEndpoint_ValidForms_Parse(string text, string endpoint, string? tlsName)
    {
        Assert.True(UpstreamEndpoint.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(endpoint, parsed!.EndPoint.ToString());
        Assert.Equal(tlsName, parsed.TlsName);
    }
}
