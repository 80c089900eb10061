using DnsLb.Balancing;
using DnsLb.Hosting;
using DnsLb.Tests.Support;
using DnsLb.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Hosting;

/// <summary>
/// Settings cannot be silently wrong: a misspelt key or section, a value that does not convert, a value out
/// of range, a single value for a list, a stray argument: each is one line naming the setting, where it was
/// given and what is allowed, and all of them are reported together.
/// </summary>
public sealed class SettingsTests
{
    private static readonly string Zones = Path.GetDirectoryName(TestPaths.ExampleZone)!;

    /// <summary>The problems <see cref="DnsLbHost.Prepare"/> reports for these command-line settings (none: empty).</summary>
    private static string[] Problems(params string[] args)
    {
        using var host = DnsLbHost.Build(["--Dns:Port=0", "--Dns:Listen=127.0.0.1", $"--Dns:ZonesDirectory={Zones}", .. args]);
        return DnsLbHost.Prepare(host)?.Split(Environment.NewLine) ?? [];
    }

    private static T Bound<T>(params string[] args) where T : class
    {
        using var host = DnsLbHost.Build([$"--Dns:ZonesDirectory={Zones}", .. args]);
        return host.Services.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public void ValidSettings_HaveNoProblem() => Assert.Empty(Problems("--Probing:MaxConcurrentProbes=4"));

    [Fact]
    public void MisspeltKey_IsReportedOnce_WithItsPath_AndTheKeysThatExist() =>
        Assert.Equal(
            ["invalid setting: Dns:Prot (command line): unknown setting (check the spelling); Dns has Listen, Port, UdpSocketsPerAddress, MaxTcpConnections, TcpIdleTimeoutMs, ZonesDirectory, ZonesReloadDelayMs, ZonesRescanSeconds, ServerId"],
            Problems("--Dns:Prot=5300"));

    [Fact]
    public void ZoneBothInAFileAndInSecondaryZones_StopsTheStart() =>
        Assert.Contains(Problems("--Secondary:Zones:example.com:Primaries:0=127.0.0.1:5300", "--Secondary:Directory=" + Path.Combine(Path.GetTempPath(), "dnslb-unused-secondary")),
            p => p.StartsWith("zone example.com. is both in a zone file (", StringComparison.Ordinal)
                && p.EndsWith(") and in Secondary:Zones; serve it from one of them (remove the file, or the Secondary:Zones entry)", StringComparison.Ordinal));

    [Fact]
    public void MisspeltKey_DeepInsideAPool_NamesItsFullPath() =>
        Assert.StartsWith("invalid setting: Pools:twopir.example.com:Probe:Prot (command line): unknown setting",
            Assert.Single(Problems("--Pools:twopir.example.com:Probe:Kind=Tcp", "--Pools:twopir.example.com:Probe:Port=80", "--Pools:twopir.example.com:Probe:Prot=81")));

    [Fact]
    public void MisspeltKey_OfProbing_IsAnError() =>
        Assert.Equal(["invalid setting: Probing:MaxConcurentProbes (command line): unknown setting (check the spelling); Probing has MaxConcurrentProbes"],
            Problems("--Probing:MaxConcurentProbes=4"));

    [Fact]
    public void MisspeltSection_OnTheCommandLine_IsAnError() =>
        Assert.Equal(["invalid setting: Pols (command line): unknown section (check the spelling); the sections are Dns, Pools, Probing, Forwarding, Logging, Status, Drain, Transfer, Secondary"],
            Problems("--Pols:twopir.example.com:Probe:Kind=Tcp"));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void MaxConcurrentProbes_BelowOne_IsAnError(string value) =>
        Assert.Equal([$"invalid setting: Probing:MaxConcurrentProbes = {value} (command line): must be a whole number from 1 to 10000"],
            Problems($"--Probing:MaxConcurrentProbes={value}"));

    [Fact]
    public void ValueThatIsNotANumber_SaysWhatIsAllowed() =>
        Assert.Equal(["invalid setting: Dns:Port = abc (command line): must be a whole number from 0 to 65535"], Problems("--Dns:Port=abc"));

    [Fact]
    public void EnumValue_ThatIsNotAName_ListsTheNames()
    {
        Assert.Equal(["invalid setting: Pools:p.example.com:WhenAllDown = Some (command line): must be one of All, None, ServFail"],
            Problems("--Pools:p.example.com:Probe:Port=80", "--Pools:p.example.com:WhenAllDown=Some"));
        // A number is not a name, even one that an enum could hold.
        Assert.Single(Problems("--Pools:p.example.com:Probe:Port=80", "--Pools:p.example.com:WhenAllDown=1"));
    }

    [Fact]
    public void LogLevel_ThatIsNotALevel_ListsTheLevels() =>
        Assert.Equal(["invalid setting: Logging:LogLevel:Default = Verbose (command line): must be one of Trace, Debug, Information, Warning, Error, Critical, None"],
            Problems("--Logging:LogLevel:Default=Verbose"));

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var problems = Problems("--Dns:Port=abc", "--Dns:Prot=1", "--Dns:MaxTcpConnections=0", "--Probing:MaxConcurrentProbes=0", "--Pools:p.example.com:Rise=0", "--Pools:p.example.com:Probe:Port=80", "--Zones=1");
        Assert.Equal(6, problems.Length);
        Assert.All(problems, p => Assert.StartsWith("invalid setting: ", p));
    }

    [Fact]
    public void SingleValue_ForAList_IsAListOfOne() =>
        Assert.Equal(["127.0.0.1"], Bound<TransportOptions>("--Dns:Listen=127.0.0.1").Listen);

    [Fact]
    public void ListGivenOnTheCommandLine_ReplacesTheWholeListOfTheFile() =>
        Assert.Equal(["127.0.0.1"], Bound<TransportOptions>("--Dns:Listen:0=127.0.0.1").Listen);

    [Fact]
    public void ListPositionThatIsNotANumber_IsAnError() =>
        Assert.Contains("invalid setting: Dns:Listen:first (command line): not a position in the list Dns:Listen (they are Dns:Listen:0, Dns:Listen:1, …)",
            Problems("--Dns:Listen:first=127.0.0.1"));

    [Fact]
    public void EmptyListenList_IsAnError() =>
        Assert.Equal(["invalid setting: Dns:Listen = [] (command line): give at least one address, e.g. --Dns:Listen=127.0.0.1"], Problems("--Dns:Listen="));

    [Fact]
    public void WildcardAndASingleAddressOfTheSameKind_AreAnError() =>
        Assert.Contains("0.0.0.0 already covers every address of its kind", Assert.Single(Problems("--Dns:Listen:0=0.0.0.0", "--Dns:Listen:1=127.0.0.1")));

    [Fact]
    public void ValueWhereSettingsBelong_IsAnError() =>
        Assert.Equal(["invalid setting: Pools:p.example.com = 1 (command line): expected settings under it, such as Pools:p.example.com:Probe, not a value"],
            Problems("--Pools:p.example.com=1"));

    [Fact]
    public void PoolWithAnEmptyName_OrOneThatIsNotADomainName_IsAnError() =>
        Assert.Contains("'a..b' is not a domain name", Assert.Single(Problems("--Pools:a..b:Probe:Port=80")));

    [Theory]
    [InlineData("stray", "invalid argument 'stray': settings are written --Section:Key=value, e.g. --Dns:Port=5300")]
    [InlineData("-Dns:Port=53", "invalid argument '-Dns:Port=53': settings are written --Section:Key=value, e.g. --Dns:Port=5300 (two dashes)")]
    [InlineData("--Dns:Port", "invalid argument '--Dns:Port': it has no value; settings are written --Section:Key=value, e.g. --Dns:Port=5300")]
    public void Argument_TheCommandLineWouldIgnore_IsAnError(string argument, string problem) =>
        Assert.Contains(problem, Problems(argument));

    [Fact]
    public void SettingGivenAsKeyAndValueInTwoArguments_IsTaken() =>
        Assert.Equal(7, Bound<HealthProbe.Scheduling.ProbeSchedulerOptions>("--Probing:MaxConcurrentProbes", "7").MaxConcurrentProbes);

    [Fact]
    public void EmptyPoolEntry_SaysWhatItNeeds()
    {
        using var host = DnsLbHost.Build([$"--Dns:ZonesDirectory={Zones}", "--Dns:Listen=127.0.0.1", "--Dns:Port=0"],
            config => config.AddJsonStream(new MemoryStream("{\"Pools\": {\"p.example.com\": {}}}"u8.ToArray())));
        Assert.Equal("invalid setting: Pools:p.example.com: the pool has no settings; give at least Probe:Kind and Probe:Port", DnsLbHost.Prepare(host));
    }

    [Fact]
    public void PoolSettings_AreBound_WithTheirDefaults()
    {
        var pools = Bound<PoolsOptions>("--Pools:p.example.com:Probe:Kind=Tcp", "--Pools:p.example.com:Probe:Port=22", "--Pools:p.example.com:Rise=3");
        var pool = pools["p.example.com"];
        Assert.Equal((HealthProbe.Probes.ProbeKind.Tcp, 22, 3, 2, 8), (pool.Probe.Kind, pool.Probe.Port, pool.Rise, pool.Fall, pool.MaxAnswers));
    }
}
