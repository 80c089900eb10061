using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Forwarding;

/// <summary>The cache, on a clock the test moves: hits, TTLs counting down, expiry, RFC 2308 negative caching, the bound, stale answers.</summary>
public sealed class CacheTests
{
    private readonly ManualTimeProvider _clock = new();

    private ForwardingHarness Harness(FakeUpstream upstream, Action<DnsLb.Forwarding.ForwardingOptions>? configure = null) =>
        ForwardingHarness.CreatePatient(upstream, configure, _clock);

    [Fact]
    public async Task TryAnswerLocally_AfterAMiss_AnswersFromTheCacheWithTheTtlCountedDown()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 300);
        await using var harness = Harness(upstream);

        var first = await harness.AskAsync("www.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(100));
        var (raw, synchronous) = await harness.AskRawAsync(ForwardingHarness.Query("WWW.example.NET.", RecordType.A, 77));

        Assert.True(synchronous);
        Assert.Equal(1, upstream.Queries);
        var second = DnsTestClient.Parse(raw);
        Assert.Equal(77, second.Header.Id);
        Assert.Equal("WWW.example.NET.", second.Questions[0].Name.ToString());
        Assert.Equal(300u, first.Answers[0].Ttl);
        Assert.Equal(200u, second.Answers[0].Ttl);
        Assert.True(second.Header.RecursionAvailable);
        Assert.Equal(1, harness.Forwarder.Counters.CacheHits);
    }

    [Fact]
    public async Task ForwardAsync_AfterTheTtl_AsksTheUpstreamAgain()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 30);
        await using var harness = Harness(upstream);

        await harness.AskAsync("www.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await harness.AskAsync("www.example.net.", RecordType.A);
        Assert.Equal(1, upstream.Queries);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal(2, upstream.Queries);
        Assert.Equal(30u, refreshed.Answers[0].Ttl);
    }

    [Fact]
    public async Task ForwardAsync_NxDomain_CachedForTheSoaMinimum()
    {
        using var upstream = FakeUpstream.Start();
        upstream.SoaTtl = 600;
        upstream.SoaMinimum = 60;
        await using var harness = Harness(upstream);

        await harness.AskAsync("nothing.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(45));
        var cached = await harness.AskAsync("nothing.example.net.", RecordType.A);
        Assert.Equal(1, upstream.Queries);
        Assert.Equal((int)ResponseCode.NXDomain, cached.ResponseCode);
        Assert.Equal(15u, Assert.Single(cached.Authorities).Ttl);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await harness.AskAsync("nothing.example.net.", RecordType.A);

        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_NoData_CachedForTheSoaTtlWhenBelowItsMinimum()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20");
        upstream.SoaTtl = 20;
        upstream.SoaMinimum = 3600;
        await using var harness = Harness(upstream);

        var first = await harness.AskAsync("www.example.net.", RecordType.AAAA);
        _clock.Advance(TimeSpan.FromSeconds(19));
        await harness.AskAsync("www.example.net.", RecordType.AAAA);
        Assert.Equal(1, upstream.Queries);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await harness.AskAsync("www.example.net.", RecordType.AAAA);

        Assert.Equal(0, first.ResponseCode);
        Assert.Empty(first.Answers);
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_TtlAboveTheMaximum_IsCapped()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 1_000_000);
        await using var harness = Harness(upstream, o => o.MaxTtlSeconds = 3600);

        var response = await harness.AskAsync("www.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(3600));
        await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal(3600u, response.Answers[0].Ttl);
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task Store_MoreNamesThanCacheEntries_KeepsTheBound()
    {
        using var upstream = FakeUpstream.Start();
        for (int i = 0; i < 40; i++)
            upstream.AddA($"n{i}.example.net.", "127.0.0.20");
        await using var harness = Harness(upstream, o => o.CacheEntries = 10);

        for (int i = 0; i < 40; i++)
            await harness.AskAsync($"n{i}.example.net.", RecordType.A);
        await harness.AskAsync("n0.example.net.", RecordType.A);
        await harness.AskAsync("n39.example.net.", RecordType.A);

        Assert.Equal(10, harness.Forwarder.Cache.Count);
        Assert.Equal(41, upstream.Queries); // n0 was evicted long ago; n39, the latest, is still there
    }

    [Fact]
    public async Task Store_FullCache_KeepsAnEntryInUseOverOneNeverAskedAgain()
    {
        using var upstream = FakeUpstream.Start();
        for (int i = 0; i < 20; i++)
            upstream.AddA($"n{i}.example.net.", "127.0.0.20");
        await using var harness = Harness(upstream, o => o.CacheEntries = 5);

        await harness.AskAsync("n0.example.net.", RecordType.A);
        for (int i = 1; i < 20; i++)
        {
            await harness.AskAsync($"n{i}.example.net.", RecordType.A);
            await harness.AskAsync("n0.example.net.", RecordType.A); // a hit each time: it keeps its place
        }

        Assert.Equal(20, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_ExpiredAndEveryUpstreamFailing_ServesTheStaleAnswerWithTtl30()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 60);
        await using var harness = Harness(upstream);

        await harness.AskAsync("www.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(600));
        upstream.Mode = UpstreamMode.ServFail;
        var stale = await harness.AskAsync("www.example.net.", RecordType.A);
        int asked = upstream.Queries;
        var (again, synchronous) = await harness.AskRawAsync(ForwardingHarness.Query("www.example.net.", RecordType.A, 9));

        Assert.Equal(0, stale.ResponseCode);
        Assert.Equal(30u, Assert.Single(stale.Answers).Ttl);
        Assert.True(synchronous, "within 30 s of the failed refresh the stale answer is served without asking");
        Assert.Equal(asked, upstream.Queries);
        Assert.Equal(30u, Assert.Single(DnsTestClient.Parse(again).Answers).Ttl);
        Assert.Equal(2, harness.Forwarder.Counters.StaleAnswers);
    }

    [Fact]
    public async Task ForwardAsync_PastTheStaleWindow_ServFail()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 60);
        await using var harness = Harness(upstream, o => o.StaleSeconds = 100);

        await harness.AskAsync("www.example.net.", RecordType.A);
        _clock.Advance(TimeSpan.FromSeconds(161));
        upstream.Mode = UpstreamMode.Refused;
        var response = await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.ServFail, response.ResponseCode);
        Assert.Equal(0, harness.Forwarder.Counters.StaleAnswers);
    }

    [Fact]
    public async Task ForwardAsync_AfterEveryUpstreamFailed_ServFailIsRememberedForSecondsOnly()
    {
        using var upstream = FakeUpstream.Start();
        upstream.Mode = UpstreamMode.ServFail;
        await using var harness = Harness(upstream, o => o.FailureCacheSeconds = 2);

        await harness.AskAsync("www.example.net.", RecordType.A);
        var remembered = await harness.AskAsync("www.example.net.", RecordType.A);
        Assert.Equal(1, upstream.Queries);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.ServFail, remembered.ResponseCode);
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_ZeroTtl_IsNotCached()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20", ttl: 0);
        await using var harness = Harness(upstream);

        await harness.AskAsync("www.example.net.", RecordType.A);
        await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task ForwardAsync_CacheOff_AsksEveryTime()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20");
        await using var harness = Harness(upstream, o => o.CacheEntries = 0);

        await harness.AskAsync("www.example.net.", RecordType.A);
        await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task TryAnswerLocally_CachedAnswerTooLargeForTheClient_TruncatedThenWholeOverTcp()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddManyA("big.example.net.", 60);
        await using var harness = Harness(upstream);

        await harness.AskAsync("big.example.net.", RecordType.A, edns: 1232);
        var (small, smallSync) = await harness.AskRawAsync(ForwardingHarness.Query("big.example.net.", RecordType.A, 5, edns: null));
        var (tcp, tcpSync) = await harness.AskRawAsync(ForwardingHarness.Query("big.example.net.", RecordType.A, 6, edns: null), overTcp: true);

        Assert.True(smallSync && tcpSync);
        Assert.True(DnsTestClient.Parse(small).Header.IsTruncated);
        Assert.True(small.Length <= 512);
        Assert.Equal(60, DnsTestClient.Parse(tcp).Answers.Count);
        Assert.Equal(1, upstream.Queries);
    }
}
