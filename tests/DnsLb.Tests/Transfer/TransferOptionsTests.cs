using DnsLb.Hosting.Settings;
using DnsLb.Transfer;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Transfer;

/// <summary>The Transfer and Secondary settings through the strict settings: every problem one line, naming the setting; secrets never shown.</summary>
public sealed class TransferOptionsTests
{
    private const string Secret = Tsig.TsigVectors.Secret;

    private static ServiceProvider Provider(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<ISecondaryZonePublisher, Secondary.RecordingPublisher>();
        services.AddTransfer(configuration);
        return services.BuildServiceProvider();
    }

    private static List<string> Problems(params string[] args)
    {
        using var provider = Provider(args);
        return SettingsCheck.Run(provider);
    }

    [Fact]
    public void Defaults_NoSecondariesNoKeysNoZones_AndNoProblems()
    {
        using var provider = Provider();
        var transfer = provider.GetRequiredService<IOptions<TransferOptions>>().Value;
        var secondary = provider.GetRequiredService<IOptions<SecondaryOptions>>().Value;
        Assert.Empty(transfer.Secondaries);
        Assert.Empty(transfer.Keys);
        Assert.Equal((20, 100_000, 5, 1000), (transfer.HistoryVersions, transfer.HistoryRecords, transfer.NotifyAttempts, transfer.NotifyFirstWaitMs));
        Assert.Empty(secondary.Zones);
        Assert.Equal("secondary", secondary.Directory);
        Assert.Empty(SettingsCheck.Run(provider));
        Assert.Empty(provider.GetRequiredService<TransferAccess>().Secondaries);
    }

    [Fact]
    public void FullSettings_BindIntoTheServices()
    {
        using var provider = Provider(
            $"--Transfer:Keys:transfer-key:Secret={Secret}",
            "--Transfer:Keys:legacy:Algorithm=hmac-sha1", $"--Transfer:Keys:legacy:Secret={Secret}",
            "--Transfer:Secondaries:0:Address=127.0.0.2", "--Transfer:Secondaries:0:Key=transfer-key",
            "--Transfer:Secondaries:1:Address=::1", "--Transfer:Secondaries:1:Port=5300", "--Transfer:Secondaries:1:Members=Healthy",
            "--Secondary:Zones:example.com:Primaries:0=127.0.0.3", "--Secondary:Zones:example.com:Primaries:1=[::1]:5301",
            "--Secondary:Zones:example.com:Key=transfer-key", "--Secondary:Directory=/var/lib/dnslb/secondary");
        Assert.Empty(SettingsCheck.Run(provider));

        var keys = provider.GetRequiredService<TsigKeyRing>();
        Assert.Equal(2, keys.Count);
        var secondaries = provider.GetRequiredService<TransferAccess>().Secondaries;
        Assert.Equal(["127.0.0.2:53 (All, key transfer-key.)", "[::1]:5300 (Healthy)"], secondaries.Select(s => s.ToString()));
        Assert.Equal(TsigAlgorithm.HmacSha256, secondaries[0].Key!.Algorithm);

        var zone = Assert.Single(provider.GetRequiredService<IReadOnlyList<SecondaryZone>>());
        Assert.Equal("example.com.", zone.Origin.ToString());
        Assert.Equal(["127.0.0.3:53", "[::1]:5301"], zone.Primaries.Select(p => p.ToString()));
        Assert.Equal("transfer-key.", zone.Key!.Name.ToString());
        Assert.Equal(Path.Combine("/var/lib/dnslb/secondary", "example.com.zone"), provider.GetRequiredService<SavedZones>().PathOf(zone.Origin));
        Assert.NotNull(provider.GetRequiredService<SecondaryRefresher>());
        Assert.NotNull(provider.GetRequiredService<DnsLb.Transfer.Notify.NotifySender>());
        Assert.NotNull(provider.GetRequiredService<ZoneTransferService>());
        Assert.NotNull(provider.GetRequiredService<SecondaryZoneService>());
    }

    [Theory]
    [InlineData("--Transfer:Secondaries:0:Address=pi.lan",
        "invalid setting: Transfer:Secondaries:0:Address = pi.lan (command line): must be the secondary's IP address (host names are not resolved)")]
    [InlineData("--Transfer:Secondaries:0:Port=0",
        "invalid setting: Transfer:Secondaries:0:Port = 0 (command line): must be a whole number from 1 to 65535")]
    [InlineData("--Transfer:Secondaries:0:Members=Some",
        "invalid setting: Transfer:Secondaries:0:Members = Some (command line): must be one of All, Healthy")]
    [InlineData("--Transfer:Secondaries:0:Key=nokey",
        "invalid setting: Transfer:Secondaries:0:Key (command line): 'nokey' is not a key: there are none in Transfer:Keys")]
    [InlineData("--Transfer:HistoryVersions=0",
        "invalid setting: Transfer:HistoryVersions = 0 (command line): must be a whole number from 1 to 1000")]
    [InlineData("--Transfer:Keys:k:Algorithm=hmac-md5",
        "invalid setting: Transfer:Keys:k:Secret: needs a Secret (base64, as keymgr -t or tsig-keygen print it)")]
    [InlineData("--Secondary:Zones:example.com:Primaries:0=pi.lan",
        "invalid setting: Secondary:Zones:example.com:Primaries:0 = pi.lan (command line): 'pi.lan' is not an IP address (host names are not resolved: give the primary's address)")]
    [InlineData("--Secondary:Zones:example.com:Primaries:0=127.0.0.1:99999",
        "invalid setting: Secondary:Zones:example.com:Primaries:0 = 127.0.0.1:99999 (command line): '127.0.0.1:99999' has no valid port (1-65535) after the address")]
    [InlineData("--Secondary:Zones:example.com:Key=nokey",
        "invalid setting: Secondary:Zones:example.com:Primaries = []: needs at least one primary, as address[:port]")]
    [InlineData("--Secondary:Zones:exa..mple:Primaries:0=127.0.0.1",
        "invalid setting: Secondary:Zones:exa..mple (command line): 'exa..mple' is not a zone name")]
    [InlineData("--Secondary:Zonez:example.com:Primaries:0=127.0.0.1",
        "invalid setting: Secondary:Zonez (command line): unknown setting (check the spelling); Secondary has Zones, Directory")]
    public void BadSetting_IsOneClearLine(string argument, string expected) => Assert.Contains(expected, Problems(argument));

    [Fact]
    public void UnknownAlgorithm_IsNamed()
    {
        var problems = Problems($"--Transfer:Keys:k:Secret={Secret}", "--Transfer:Keys:k:Algorithm=hmac-md5");
        Assert.Equal(["invalid setting: Transfer:Keys:k:Algorithm (command line): 'hmac-md5' is not a TSIG algorithm; use one of hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha1"], problems);
    }

    [Fact]
    public void BadSecret_IsReportedWithoutShowingIt()
    {
        const string secret = "not*base64*at*all";
        var problems = Problems($"--Transfer:Keys:k:Secret={secret}");
        Assert.Equal(["invalid setting: Transfer:Keys:k:Secret (command line): the secret is not base64 (as keymgr -t or tsig-keygen print it)"], problems);
        Assert.DoesNotContain(problems, p => p.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void SecondaryKeyMissingFromTransferKeys_IsReported()
    {
        var problems = Problems($"--Transfer:Keys:transfer-key:Secret={Secret}", "--Secondary:Zones:example.com:Primaries:0=127.0.0.1",
            "--Secondary:Zones:example.com:Key=other");
        Assert.Equal(["invalid setting: Secondary:Zones:example.com:Key = other: 'other' is not a key in Transfer:Keys (transfer-key)"], problems);
    }

    [Fact]
    public void SecondaryListedTwice_IsReported() =>
        Assert.Contains("invalid setting: Transfer:Secondaries:1 (command line): 127.0.0.2 port 53 is listed twice with the same key",
            Problems("--Transfer:Secondaries:0:Address=127.0.0.2", "--Transfer:Secondaries:1:Address=127.0.0.2"));

    [Fact]
    public void OneAddress_ListedWithBothMembersModes_IsReported() =>
        Assert.Contains("invalid setting: Transfer:Secondaries:1:Members (command line): 127.0.0.2 is listed with Members=All and Members=Healthy; "
            + "one address can only get one of them (its SOA queries are answered from the version it transfers)",
            Problems("--Transfer:Secondaries:0:Address=127.0.0.2", "--Transfer:Secondaries:1:Address=127.0.0.2", "--Transfer:Secondaries:1:Port=5300",
                "--Transfer:Secondaries:1:Members=Healthy"));

    [Fact]
    public void EveryProblem_IsReportedTogether()
    {
        var problems = Problems("--Transfer:Secondaries:0:Address=pi.lan", "--Transfer:Secondaries:1:Address=127.0.0.9", "--Transfer:Secondaries:1:Port=0",
            "--Secondary:Zones:example.com:Primaries:0=pi.lan", "--Transfer:NotifyAttempts=0");
        Assert.Equal(
            [
                "invalid setting: Transfer:NotifyAttempts = 0 (command line): must be a whole number from 1 to 20",
                "invalid setting: Transfer:Secondaries:0:Address = pi.lan (command line): must be the secondary's IP address (host names are not resolved)",
                "invalid setting: Transfer:Secondaries:1:Port = 0 (command line): must be a whole number from 1 to 65535",
                "invalid setting: Secondary:Zones:example.com:Primaries:0 = pi.lan (command line): 'pi.lan' is not an IP address (host names are not resolved: give the primary's address)",
            ],
            problems.Order(StringComparer.Ordinal).OrderBy(p => p.Contains("Secondary:Zones", StringComparison.Ordinal)));
    }
}
