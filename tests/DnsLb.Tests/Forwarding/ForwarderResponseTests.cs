using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Forwarding;

/// <summary>What a client gets back for a forwarded name: its ID and question, RA=1, AA=0, our EDNS, its size.</summary>
public sealed class ForwarderResponseTests
{
    [Fact]
    public async Task ForwardAsync_OneUpstream_AnswersWithTheClientsIdAndQuestionCase()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.CreatePatient(upstream);
        var query = ForwardingHarness.Query("WwW.ExAmple.NET.", RecordType.A, 4242);

        var (raw, synchronous) = await harness.AskRawAsync(query);

        Assert.False(synchronous);
        var response = DnsTestClient.Parse(raw);
        Assert.Equal(4242, response.Header.Id);
        Assert.True(response.Header.IsResponse);
        Assert.True(response.Header.RecursionAvailable);
        Assert.True(response.Header.RecursionDesired);
        Assert.False(response.Header.IsAuthoritative);
        Assert.Equal(0, response.ResponseCode);
        Assert.Equal("WwW.ExAmple.NET.", response.Questions[0].Name.ToString());
        var answer = Assert.Single(response.Answers);
        Assert.Equal("127.0.0.20", ((AddressData)answer.Data).Address.ToString());
        Assert.Equal(1, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_UpstreamsOwnOpt_IsReplacedByOursAndOnlyForEdnsClients()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("a.example.net.", "127.0.0.21");
        upstream.AddA("b.example.net.", "127.0.0.22");
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var withEdns = await harness.AskAsync("a.example.net.", RecordType.A, edns: 4096);
        var without = await harness.AskAsync("b.example.net.", RecordType.A, edns: null);

        var opt = Assert.Single(withEdns.Additionals);
        Assert.Equal(RecordType.OPT, opt.Type);
        Assert.Equal(Edns.OurPayloadSize, opt.Class);
        Assert.Empty(((UnknownData)opt.Data).Bytes.ToArray()); // the upstream's option is not passed on
        Assert.Empty(without.Additionals);
    }

    [Fact]
    public async Task ForwardAsync_QueryUpstream_CarriesOurOptAndTheClientsDoBitOnly()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("a.example.net.", "127.0.0.21");
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        await harness.AskAsync("a.example.net.", RecordType.A, edns: 4096, dnssecOk: false);
        await harness.AskAsync("a.example.net.", RecordType.A, edns: 512, dnssecOk: true);

        var sent = upstream.Received.Select(r => r.Query).ToList();
        Assert.Equal(2, sent.Count); // DO is part of the cache key: the second is not a hit
        Assert.All(sent, q => Assert.Equal(Edns.OurPayloadSize, q.Opt!.Class));
        Assert.All(sent, q => Assert.True(q.Header.RecursionDesired));
        Assert.Equal([false, true], sent.Select(q => (q.Opt!.Ttl & 0x8000) != 0));
        Assert.All(sent, q => Assert.Equal("a.example.net.", q.Questions[0].Name.ToString()));
    }

    [Fact]
    public async Task ForwardAsync_EveryUpstreamQuery_HasAFreshIdAndSourcePort()
    {
        using var upstream = FakeUpstream.Start();
        for (int i = 0; i < 20; i++)
            upstream.AddA($"n{i}.example.net.", "127.0.0.23");
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        for (int i = 0; i < 20; i++)
            await harness.AskAsync($"n{i}.example.net.", RecordType.A);

        var received = upstream.Received.ToList();
        Assert.Equal(20, received.Count);
        Assert.True(received.Select(r => r.Query.Header.Id).Distinct().Count() >= 18, "IDs repeat");
        Assert.True(received.Select(r => r.From!.Port).Distinct().Count() >= 18, "source ports repeat");
    }

    [Fact]
    public async Task ForwardAsync_TruncatedUdpAnswer_IsFetchedAgainOverTcp()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("tc.example.net.", "127.0.0.24");
        upstream.Mode = UpstreamMode.TruncateUdp;
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync("tc.example.net.", RecordType.A);

        Assert.False(response.Header.IsTruncated);
        Assert.Single(response.Answers);
        Assert.Equal(1, upstream.UdpQueries);
        Assert.Equal(1, upstream.TcpQueries);
    }

    [Fact]
    public async Task ForwardAsync_LargeAnswer_IsTruncatedForA512ByteClientAndWholeOverTcp()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddManyA("big.example.net.", 60); // about 1000 bytes: over 512, under 1232
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var (small, _) = await harness.AskRawAsync(ForwardingHarness.Query("big.example.net.", RecordType.A, 1, edns: null));
        var (edns, _) = await harness.AskRawAsync(ForwardingHarness.Query("big.example.net.", RecordType.A, 2, edns: 1232));
        var (tcp, _) = await harness.AskRawAsync(ForwardingHarness.Query("big.example.net.", RecordType.A, 3, edns: null), overTcp: true);

        Assert.True(small.Length <= 512);
        var truncated = DnsTestClient.Parse(small);
        Assert.True(truncated.Header.IsTruncated);
        Assert.Empty(truncated.Answers);
        Assert.Equal("big.example.net.", truncated.Questions[0].Name.ToString());
        Assert.Equal(60, DnsTestClient.Parse(edns).Answers.Count);
        Assert.False(DnsTestClient.Parse(edns).Header.IsTruncated);
        Assert.Equal(60, DnsTestClient.Parse(tcp).Answers.Count);
    }

    [Fact]
    public async Task ForwardAsync_AnswerLargerThan1232_ComesOverTcpAndGoesWholeToTcpClients()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddManyA("huge.example.net.", 200); // about 3300 bytes
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var (udp, _) = await harness.AskRawAsync(ForwardingHarness.Query("huge.example.net.", RecordType.A, 1, edns: 4096));
        var (tcp, _) = await harness.AskRawAsync(ForwardingHarness.Query("huge.example.net.", RecordType.A, 2, edns: 4096), overTcp: true);

        Assert.True(udp.Length <= Edns.OurPayloadSize);
        Assert.True(DnsTestClient.Parse(udp).Header.IsTruncated);
        var whole = DnsTestClient.Parse(tcp);
        Assert.False(whole.Header.IsTruncated);
        Assert.Equal(200, whole.Answers.Count);
        Assert.Equal(1, upstream.TcpQueries);
    }

    [Fact]
    public async Task ForwardAsync_NxDomainFromUpstream_IsPassedOnWithItsSoa()
    {
        using var upstream = FakeUpstream.Start();
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync("nothing.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.NXDomain, response.ResponseCode);
        var soa = Assert.Single(response.Authorities);
        Assert.Equal(FakeUpstream.SoaOwner, soa.Owner.ToString());
        Assert.Equal(60u, soa.Ttl); // min(SOA TTL 600, MINIMUM 60): RFC 2308 §5
        Assert.False(response.Header.IsAuthoritative);
    }

    [Fact]
    public async Task ForwardAsync_UpstreamOverIPv6Loopback_Answers()
    {
        using var upstream = FakeUpstream.Start("::1");
        upstream.AddA("six.example.net.", "127.0.0.26");
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync("six.example.net.", RecordType.A);

        Assert.Equal(IPAddress.Parse("127.0.0.26"), ((AddressData)Assert.Single(response.Answers).Data).Address);
    }
}
