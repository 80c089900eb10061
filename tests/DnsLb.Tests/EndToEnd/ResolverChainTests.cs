using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using static DnsLb.Tests.Support.ForwardingServer;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// `dig`, as a LAN client would run it, through DnsLb to a real upstream on loopback: Knot DNS serving a
/// zone of its own, or a second DnsLb. Names in DnsLb's zones are still its own authoritative answers.
/// </summary>
public sealed class ResolverChainTests : IDisposable
{
    private const string Zone = "upstream.example";
    private readonly ZoneDirectory _files = new();
    private readonly string _zoneFile;

    public ResolverChainTests()
    {
        _zoneFile = _files.Write(Zone + ".zone", $"""
            $ORIGIN {Zone}.
            $TTL 300
            @ SOA ns1 hostmaster 1 3600 600 86400 120
            @ NS ns1
            ns1 A 127.0.0.1
            www A 127.0.0.40
            www AAAA ::1
            alias CNAME www

            """);
    }

    private static string[] Dig(int port, params string[] arguments)
    {
        var dig = ExternalTool.Require("dig", "bind9-dnsutils");
        var result = ExternalTool.Run(dig, ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+time=5", "+tries=1", .. arguments]);
        Assert.True(result.ExitCode == 0, $"dig failed: {result.Error}{result.Output}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Theory]
    [InlineData("+notcp")]
    [InlineData("+tcp")]
    public async Task Dig_ThroughDnsLb_ToKnot_ResolvesNamesOutsideTheZones_AndTheZonesAuthoritatively(string transport)
    {
        using var knot = KnotServer.Start(_zoneFile, Zone);
        await using var server = await ForwardingServer.StartAsync([$"127.0.0.1:{knot.Port}"]);

        Assert.Equal(["127.0.0.40"], Dig(server.Port, transport, "www.upstream.example", "A", "+short"));
        Assert.Equal(["www.upstream.example.", "::1"], Dig(server.Port, transport, "alias.upstream.example", "AAAA", "+short"));
        var forwarded = string.Join('\n', Dig(server.Port, transport, "www.upstream.example", "A"));
        Assert.Matches(@"flags: qr rd ra;", forwarded); // recursion available, not authoritative
        var own = string.Join('\n', Dig(server.Port, transport, "twopir.example.com", "A"));
        Assert.Matches(@"flags: qr aa rd;", own);
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], Dig(server.Port, transport, "twopir.example.com", "A", "+short").Order());
        var missing = string.Join('\n', Dig(server.Port, transport, "nothing.upstream.example", "A"));
        Assert.Contains("status: NXDOMAIN", missing);
    }

    [Fact]
    public async Task Dig_ThroughDnsLb_ToASecondDnsLb_ResolvesTheOthersZone()
    {
        await using var upstream = await TestServer.StartAsync(new Dictionary<string, string> { [Zone + ".zone"] = File.ReadAllText(_zoneFile) });
        await using var server = await ForwardingServer.StartAsync([$"127.0.0.1:{upstream.Port}"]);

        Assert.Equal(["127.0.0.40"], Dig(server.Port, "www.upstream.example", "A", "+short"));
        Assert.Equal(["127.0.0.40"], Dig(server.Port, "+tcp", "www.upstream.example", "A", "+short"));
        var answer = DnsTestClient.Udp(server.Port, Recursive("www.upstream.example.", RecordType.A));
        Assert.True(answer.Header.RecursionAvailable);
        Assert.False(answer.Header.IsAuthoritative);
        var direct = DnsTestClient.Udp(upstream.Port, Recursive("www.upstream.example.", RecordType.A));
        Assert.True(direct.Header.IsAuthoritative);
        Assert.Equal(direct.Answers.Single().Data.ToString(), answer.Answers.Single().Data.ToString());
    }

    public void Dispose() => _files.Dispose();
}
