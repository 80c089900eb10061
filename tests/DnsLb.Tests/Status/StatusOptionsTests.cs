using DnsLb.Hosting.Settings;
using DnsLb.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Status;

/// <summary>The Status settings go through the strict settings: bad values are one line each, naming the setting.</summary>
public sealed class StatusOptionsTests
{
    private static List<string> Problems(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSettings<StatusOptions>(configuration, StatusOptions.Section);
        using var provider = services.BuildServiceProvider();
        return SettingsCheck.Run(provider);
    }

    private static StatusOptions Bound(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var services = new ServiceCollection();
        services.AddSettings<StatusOptions>(configuration, StatusOptions.Section);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StatusOptions>>().Value;
    }

    [Fact]
    public void Defaults_ListenOnLoopback8053_WithoutTokenOrWebhooks()
    {
        var options = Bound();
        Assert.Equal("127.0.0.1:8053", options.Listen);
        Assert.Null(options.ApiToken);
        Assert.Empty(options.Webhooks);
        Assert.Empty(Problems());
    }

    [Theory]
    [InlineData("[::1]:8053")]
    [InlineData("127.0.0.2:80")]
    [InlineData("")]
    public void Listen_OnLoopbackOrOff_NeedsNoToken(string listen) => Assert.Empty(Problems($"--Status:Listen={listen}"));

    [Theory]
    [InlineData("0.0.0.0:8053")]
    [InlineData("192.168.0.10:8053")]
    [InlineData("[::]:8053")]
    public void Listen_BeyondLoopback_WithoutToken_IsOneClearLine(string listen) =>
        Assert.Equal(
            [$"invalid setting: Status:Listen = {listen} (command line): listening beyond this machine needs Status:ApiToken, which drain and undrain must then send; set one (at least 16 characters) or listen on 127.0.0.1:8053"],
            Problems($"--Status:Listen={listen}"));

    [Fact]
    public void Listen_BeyondLoopback_WithToken_IsAccepted() =>
        Assert.Empty(Problems("--Status:Listen=0.0.0.0:8053", "--Status:ApiToken=0123456789abcdef0123"));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1:8053")]
    [InlineData("localhost:8053")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:http")]
    public void Listen_ThatIsNotAnAddressAndPort_SaysWhatIsAllowed(string listen) =>
        Assert.Equal(
            [$"invalid setting: Status:Listen = {listen} (command line): must be an IP address and a port, such as 127.0.0.1:8053 or [::1]:8053 (empty turns the status endpoint off)"],
            Problems($"--Status:Listen={listen}"));

    [Fact]
    public void ApiToken_TooShort_IsAnError() =>
        Assert.Equal(
            ["invalid setting: Status:ApiToken = short (command line): must be at least 16 characters, without blanks (e.g. from: openssl rand -hex 24)"],
            Problems("--Status:ApiToken=short"));

    [Fact]
    public void Webhooks_MustBeHttpUrls_EachOnce()
    {
        var problems = Problems("--Status:Webhooks:0=ftp://127.0.0.1/x", "--Status:Webhooks:1=http://127.0.0.1:9/hook", "--Status:Webhooks:2=http://127.0.0.1:9/hook");
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.EndsWith("'ftp://127.0.0.1/x' is not an http:// or https:// URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("'http://127.0.0.1:9/hook' is listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void MisspeltKey_IsAnError() =>
        Assert.Equal(["invalid setting: Status:Lisen (command line): unknown setting (check the spelling); Status has Listen, ApiToken, Webhooks"], Problems("--Status:Lisen=127.0.0.1:1"));
}
