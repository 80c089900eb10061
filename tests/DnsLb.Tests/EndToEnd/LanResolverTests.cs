using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Tests.Forwarding;
using DnsLb.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static DnsLb.Tests.Support.ForwardingServer;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// DnsLb as a LAN's only resolver, through the running server over real sockets, with a scripted upstream on
/// loopback: names outside the zones are forwarded (UDP and TCP) and cached; names inside them never are;
/// recursion is only for clients in Forwarding:AllowedNetworks that ask for it, and only when it is on.
/// </summary>
public sealed class LanResolverTests : IDisposable
{
    private const string Outside = "www.upstream.example.";
    private readonly FakeUpstream _upstream = FakeUpstream.Start();

    public LanResolverTests() => _upstream.AddA(Outside, "127.0.0.77", ttl: 300);

    /// <summary>
    /// Forwarding to the scripted upstream, with attempt timeouts long enough that a busy machine never makes
    /// the forwarder ask twice: the tests count the upstream's queries.
    /// </summary>
    private Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string>? zones = null)
    {
        var all = new Dictionary<string, string?> { ["Forwarding:AttemptTimeoutMs"] = "10000", ["Forwarding:TimeoutMs"] = "30000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return ForwardingServer.StartAsync([_upstream.Endpoint], all, zones);
    }

    private static void AssertForwarded(DnsMessage answer)
    {
        Assert.Equal((int)ResponseCode.NoError, answer.ResponseCode);
        Assert.Equal("127.0.0.77", Assert.Single(answer.Answers).Data.ToString());
        Assert.True(answer.Header.RecursionAvailable);
        Assert.False(answer.Header.IsAuthoritative);
    }

    [Fact]
    public async Task ForwardingOff_NameOutsideTheZones_IsRefusedAsNotAuthoritative()
    {
        await using var server = await ForwardingServer.StartAsync([]);

        var answer = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A));

        Assert.Equal((int)ResponseCode.Refused, answer.ResponseCode);
        Assert.Equal(ExtendedDnsError.NotAuthoritative, ExtendedErrors.Of(answer));
        Assert.False(answer.Header.RecursionAvailable);
        Assert.Equal(0, _upstream.Queries);
    }

    [Fact]
    public async Task ForwardingOn_NameOutsideTheZones_IsAnsweredThroughTheUpstream_OverUdpAndTcp()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["Forwarding:CacheEntries"] = "0" });

        var udp = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A, id: 4321));
        var tcp = DnsTestClient.Tcp(server.Port, Recursive("WWW.Upstream.Example.", RecordType.A, id: 4322));

        AssertForwarded(udp);
        AssertForwarded(tcp);
        Assert.Equal(4321, udp.Header.Id);
        Assert.Equal("WWW.Upstream.Example.", tcp.Questions[0].Name.ToString());
        Assert.Equal(2, _upstream.Queries);
    }

    [Theory]
    [InlineData("twopir.example.com.", RecordType.AAAA, ResponseCode.NoError)]
    [InlineData("twopir.example.com.", RecordType.HTTPS, ResponseCode.NoError)]
    [InlineData("twopir.example.com.", RecordType.A, ResponseCode.NoError)]
    [InlineData("www.example.com.", RecordType.A, ResponseCode.NoError)]
    [InlineData("nope.example.com.", RecordType.A, ResponseCode.NXDomain)]
    [InlineData("example.com.", RecordType.TXT, ResponseCode.NoError)]
    public async Task ForwardingOn_NameInsideAZone_IsAnsweredAuthoritatively_AndNeverForwarded(string name, RecordType type, ResponseCode rcode)
    {
        await using var server = await StartAsync();

        foreach (var answer in new[] { DnsTestClient.Udp(server.Port, Recursive(name, type)), DnsTestClient.Tcp(server.Port, Recursive(name, type)) })
        {
            Assert.Equal((int)rcode, answer.ResponseCode);
            Assert.True(answer.Header.IsAuthoritative);
            Assert.False(answer.Header.RecursionAvailable);
            if (type is RecordType.AAAA or RecordType.HTTPS)
                Assert.Empty(answer.Answers); // NODATA: the pool has A records only
        }
        Assert.Equal(0, _upstream.Queries);
    }

    [Fact]
    public async Task ClientOutsideTheAllowedNetworks_IsRefusedForOtherNames_ButGetsTheZonesAnswers()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["Forwarding:AllowedNetworks:0"] = "127.0.0.1/32" });

        var refused = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A), from: "127.0.0.2");
        var refusedTcp = DnsTestClient.Tcp(server.Port, Recursive(Outside, RecordType.A), from: "127.0.0.2");
        var refusedPlain = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A, edns: null), from: "127.0.0.2");
        var local = DnsTestClient.Udp(server.Port, Recursive("printer.", RecordType.A), from: "127.0.0.2");
        var zone = DnsTestClient.Udp(server.Port, Recursive("twopir.example.com.", RecordType.A), from: "127.0.0.2");
        var allowed = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A), from: "127.0.0.1");

        foreach (var answer in new[] { refused, refusedTcp, refusedPlain, local })
        {
            Assert.Equal((int)ResponseCode.Refused, answer.ResponseCode);
            Assert.Empty(answer.Answers);
            Assert.False(answer.Header.RecursionAvailable);
        }
        Assert.Equal(ExtendedDnsError.Prohibited, ExtendedErrors.Of(refused));
        Assert.Equal(ExtendedDnsError.Prohibited, ExtendedErrors.Of(refusedTcp));
        Assert.Null(refusedPlain.Opt);
        Assert.True(zone.Header.IsAuthoritative);
        Assert.Equal(3, zone.Answers.Count);
        AssertForwarded(allowed);
        Assert.Equal(1, _upstream.Queries);
    }

    [Fact]
    public async Task QueryWithoutRecursionDesired_ForANameOutsideTheZones_IsRefused()
    {
        await using var server = await StartAsync();

        foreach (var answer in new[]
        {
            DnsTestClient.Udp(server.Port, DnsMessage.Query(Outside, RecordType.A, 7, 1232, recursionDesired: false)),
            DnsTestClient.Tcp(server.Port, DnsMessage.Query(Outside, RecordType.A, 8, 1232, recursionDesired: false)),
        })
        {
            Assert.Equal((int)ResponseCode.Refused, answer.ResponseCode);
            Assert.Equal(ExtendedDnsError.NotAuthoritative, ExtendedErrors.Of(answer));
        }
        Assert.Equal(0, _upstream.Queries);
    }

    [Fact]
    public async Task RepeatedQuestion_IsACacheHit_WithItsTtlCountedDown_OverUdpAndTcp()
    {
        await using var server = await StartAsync();
        var counters = server.Services.GetRequiredService<IForwarder>().Counters;

        var first = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A));
        var udp = DnsTestClient.Udp(server.Port, Recursive(Outside, RecordType.A));
        var tcp = DnsTestClient.Tcp(server.Port, Recursive("www.UPSTREAM.example.", RecordType.A));

        AssertForwarded(first);
        AssertForwarded(udp);
        AssertForwarded(tcp);
        Assert.True(udp.Answers[0].Ttl <= first.Answers[0].Ttl);
        Assert.Equal(1, _upstream.Queries);
        Assert.Equal(2, counters.CacheHits);
    }

    [Fact]
    public async Task PrivateReverseAndSingleLabelNames_AreAnsweredLocally_UnlessAZoneCoversThem()
    {
        var zones = TestZones.Example();
        zones["0.10.in-addr.arpa.zone"] = """
            $ORIGIN 0.10.in-addr.arpa.
            $TTL 300
            @ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60
            @ IN NS ns1.example.com.
            5.0 IN PTR nas.example.com.

            """;
        _upstream.AddA("printer.", "127.0.0.66");
        await using var server = await StartAsync(zones: zones);

        var privateReverse = DnsTestClient.Udp(server.Port, Recursive("1.1.168.192.in-addr.arpa.", RecordType.PTR));
        var singleLabel = DnsTestClient.Udp(server.Port, Recursive("printer.", RecordType.A));
        var ownZone = DnsTestClient.Udp(server.Port, Recursive("5.0.0.10.in-addr.arpa.", RecordType.PTR));

        Assert.Equal((int)ResponseCode.NXDomain, privateReverse.ResponseCode);
        Assert.Equal((int)ResponseCode.NXDomain, singleLabel.ResponseCode);
        Assert.Equal("nas.example.com.", Assert.Single(ownZone.Answers).Data.ToString());
        Assert.True(ownZone.Header.IsAuthoritative);
        Assert.Equal(0, _upstream.Queries);
    }

    public void Dispose() => _upstream.Dispose();
}
