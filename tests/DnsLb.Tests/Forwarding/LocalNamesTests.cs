using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// Private reverse zones, single-label and special-use names are answered by the forwarder itself, on the
/// synchronous path, and never reach the upstream, which here would answer every one of them.
/// </summary>
public sealed class LocalNamesTests
{
    [Theory]
    [InlineData("5.0.168.192.in-addr.arpa.", RecordType.PTR, "168.192.in-addr.arpa.")]
    [InlineData("1.2.3.10.in-addr.arpa.", RecordType.PTR, "10.in-addr.arpa.")]
    [InlineData("1.0.16.172.in-addr.arpa.", RecordType.PTR, "16.172.in-addr.arpa.")]
    [InlineData("1.0.31.172.in-addr.arpa.", RecordType.PTR, "31.172.in-addr.arpa.")]
    [InlineData("9.9.254.169.in-addr.arpa.", RecordType.PTR, "254.169.in-addr.arpa.")]
    [InlineData("1.0.0.127.in-addr.arpa.", RecordType.PTR, "127.in-addr.arpa.")]
    [InlineData("0.0.0.0.in-addr.arpa.", RecordType.PTR, "0.in-addr.arpa.")]
    [InlineData("1.0.64.100.in-addr.arpa.", RecordType.PTR, "64.100.in-addr.arpa.")]
    [InlineData("7.2.0.192.in-addr.arpa.", RecordType.PTR, "2.0.192.in-addr.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.", RecordType.PTR, "d.f.ip6.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.f.ip6.arpa.", RecordType.PTR, "c.f.ip6.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa.", RecordType.PTR, "8.e.f.ip6.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.b.e.f.ip6.arpa.", RecordType.PTR, "b.e.f.ip6.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", RecordType.PTR, "8.b.d.0.1.0.0.2.ip6.arpa.")]
    [InlineData("nas.home.arpa.", RecordType.A, "home.arpa.")]
    [InlineData("printer.", RecordType.A, ".")]
    [InlineData("NAS.", RecordType.AAAA, ".")]
    [InlineData("wpad.", RecordType.HTTPS, ".")]
    [InlineData("www.example.test.", RecordType.A, "test.")]
    [InlineData("anything.invalid.", RecordType.MX, "invalid.")]
    [InlineData("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion.", RecordType.A, "onion.")]
    public async Task TryAnswerLocally_PrivateOrSpecialName_NxDomainWithSoaAndNothingForwarded(string name, RecordType type, string zone)
    {
        using var upstream = FakeUpstream.Start();
        upstream.Add(name, 300, type == RecordType.PTR ? new NameData(RecordType.PTR, DnsName.Parse("leak.example.")) : new AddressData(IPAddress.Parse("127.0.0.66")));
        await using var harness = ForwardingHarness.CreatePatient(upstream);
        var query = ForwardingHarness.Query(name, type, 321);

        var (raw, synchronous) = await harness.AskRawAsync(query);
        var viaForward = await harness.AskAsync(name, type); // the async path keeps the rule as well

        Assert.True(synchronous);
        foreach (var response in new[] { Support.DnsTestClient.Parse(raw), viaForward })
        {
            Assert.Equal((int)ResponseCode.NXDomain, response.ResponseCode);
            Assert.True(response.Header.IsAuthoritative);
            Assert.True(response.Header.RecursionAvailable);
            Assert.Empty(response.Answers);
            var soa = Assert.Single(response.Authorities);
            Assert.Equal(RecordType.SOA, soa.Type);
            Assert.Equal(zone, soa.Owner.ToString().ToLowerInvariant());
            Assert.Equal(300u, ((SoaData)soa.Data).Minimum);
            Assert.Equal(RecordType.OPT, Assert.Single(response.Additionals).Type);
        }
        Assert.Equal(0, upstream.Queries);
        Assert.Equal(2, harness.Forwarder.Counters.LocalAnswers);
    }

    [Theory]
    [InlineData("1.0.15.172.in-addr.arpa.", RecordType.PTR)]   // 172.15/16 is public
    [InlineData("1.0.32.172.in-addr.arpa.", RecordType.PTR)]   // so is 172.32/16
    [InlineData("8.8.8.8.in-addr.arpa.", RecordType.PTR)]
    [InlineData("1.0.128.100.in-addr.arpa.", RecordType.PTR)]  // just above 100.64/10
    [InlineData("in-addr.arpa.", RecordType.NS)]
    [InlineData("172.in-addr.arpa.", RecordType.NS)]
    [InlineData("home.example.net.", RecordType.A)]
    [InlineData("com.", RecordType.NS)]                         // a TLD's delegation data is real
    [InlineData("com.", RecordType.DS)]
    [InlineData(".", RecordType.NS)]
    public async Task TryAnswerLocally_PublicName_IsForwarded(string name, RecordType type)
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var (_, synchronous) = await harness.AskRawAsync(ForwardingHarness.Query(name, type, 5));

        Assert.False(synchronous);
        Assert.Equal(1, upstream.Queries);
    }

    [Theory]
    [InlineData("localhost.", RecordType.A, "127.0.0.1")]
    [InlineData("LocalHost.", RecordType.AAAA, "::1")]
    [InlineData("app.localhost.", RecordType.A, "127.0.0.1")]
    public async Task TryAnswerLocally_Localhost_IsTheLoopbackAddress(string name, RecordType type, string address)
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync(name, type);

        Assert.Equal(0, response.ResponseCode);
        var answer = Assert.Single(response.Answers);
        Assert.Equal(IPAddress.Parse(address), ((AddressData)answer.Data).Address);
        Assert.Equal(name, answer.Owner.ToString());
        Assert.Equal(0, upstream.Queries);
    }

    [Theory]
    [InlineData("255.255.255.255.in-addr.arpa.")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.")]
    [InlineData("0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.")]
    public async Task TryAnswerLocally_ZoneOfOneAddress_NoDataForItsPtr(string name)
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync(name, RecordType.PTR);

        Assert.Equal(0, response.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Equal(name, Assert.Single(response.Authorities).Owner.ToString());
        Assert.Equal(0, upstream.Queries);
    }

    [Fact]
    public async Task TryAnswerLocally_ZoneApex_HasItsSoaAndNsAndNoDataOtherwise()
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var soa = await harness.AskAsync("168.192.in-addr.arpa.", RecordType.SOA);
        var ns = await harness.AskAsync("168.192.in-addr.arpa.", RecordType.NS);
        var noData = await harness.AskAsync("168.192.in-addr.arpa.", RecordType.TXT);
        var localhostMx = await harness.AskAsync("localhost.", RecordType.MX);

        Assert.Equal(RecordType.SOA, Assert.Single(soa.Answers).Type);
        Assert.Equal("nobody.invalid.", ((SoaData)soa.Answers[0].Data).Mailbox.ToString());
        Assert.Equal("168.192.in-addr.arpa.", ((NameData)Assert.Single(ns.Answers).Data).Target.ToString());
        foreach (var response in new[] { noData, localhostMx })
        {
            Assert.Equal(0, response.ResponseCode);
            Assert.Empty(response.Answers);
            Assert.Equal(RecordType.SOA, Assert.Single(response.Authorities).Type);
        }
        Assert.Equal(0, upstream.Queries);
    }

    [Fact]
    public async Task TryAnswerLocally_ClientWithoutEdns_GetsNoOpt()
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync("printer.", RecordType.A, edns: null);

        Assert.Equal((int)ResponseCode.NXDomain, response.ResponseCode);
        Assert.Empty(response.Additionals);
    }
}
