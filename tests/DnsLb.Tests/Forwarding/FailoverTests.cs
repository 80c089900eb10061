using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// A failing upstream costs a client at most an attempt timeout (800 ms by default) and all failing gives
/// SERVFAIL within the overall bound (3 s). The bounds asserted are generous ("answered, not hung"): the
/// point is that an answer comes and from where, not how fast on a busy machine.
/// </summary>
public sealed class FailoverTests
{
    private static readonly TimeSpan NotHung = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(UpstreamMode.Silent)]
    [InlineData(UpstreamMode.Slow)]
    [InlineData(UpstreamMode.ServFail)]
    [InlineData(UpstreamMode.Refused)]
    [InlineData(UpstreamMode.WrongIdOnly)]
    [InlineData(UpstreamMode.Malformed)]
    public async Task ForwardAsync_FirstUpstreamFailing_AnswerComesFromTheSecond(UpstreamMode mode)
    {
        using var first = FakeUpstream.Start("127.0.0.2");
        using var second = FakeUpstream.Start("127.0.0.3");
        first.Mode = mode;
        first.Delay = TimeSpan.FromSeconds(30);
        first.AddA("www.example.net.", "127.0.0.99");
        second.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.Create(first, second);

        var (response, elapsed) = await harness.TimedAskAsync("www.example.net.", RecordType.A);

        Assert.Equal(0, response.ResponseCode);
        Assert.Equal(IPAddress.Parse("127.0.0.20"), ((AddressData)Assert.Single(response.Answers).Data).Address);
        Assert.True(first.Queries >= 1, "the first upstream was not asked first");
        Assert.True(elapsed < NotHung, $"took {elapsed}");
    }

    [Fact]
    public async Task ForwardAsync_FirstUpstreamDead_AnswerComesFromTheSecond()
    {
        using var second = FakeUpstream.Start("127.0.0.3");
        second.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.Create([FakeUpstream.DeadEndpoint("127.0.0.2"), second.Endpoint]);

        var (response, elapsed) = await harness.TimedAskAsync("www.example.net.", RecordType.A);

        Assert.Equal(IPAddress.Parse("127.0.0.20"), ((AddressData)Assert.Single(response.Answers).Data).Address);
        Assert.True(elapsed < NotHung, $"took {elapsed}");
        Assert.Equal(1, harness.Forwarder.Counters.Upstreams[0].Failures);
    }

    [Theory]
    [InlineData(UpstreamMode.WrongIdThenRight)]
    [InlineData(UpstreamMode.WrongSourceThenRight)]
    public async Task ForwardAsync_SpoofedAnswerBeforeTheRealOne_IsDropped(UpstreamMode mode)
    {
        using var upstream = FakeUpstream.Start();
        upstream.Mode = mode;
        upstream.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.CreatePatient(upstream);

        var response = await harness.AskAsync("www.example.net.", RecordType.A);

        Assert.Equal(IPAddress.Parse("127.0.0.20"), ((AddressData)Assert.Single(response.Answers).Data).Address);
        Assert.Equal(1, upstream.Queries);
    }

    [Theory]
    [InlineData(UpstreamMode.Silent)]
    [InlineData(UpstreamMode.ServFail)]
    [InlineData(UpstreamMode.Refused)]
    public async Task ForwardAsync_EveryUpstreamFailing_ServFailWithinTheBound(UpstreamMode mode)
    {
        using var first = FakeUpstream.Start("127.0.0.2");
        using var second = FakeUpstream.Start("127.0.0.3");
        first.Mode = second.Mode = mode;
        await using var harness = ForwardingHarness.Create([first.Endpoint, second.Endpoint, FakeUpstream.DeadEndpoint("127.0.0.4")]);

        var (response, elapsed) = await harness.TimedAskAsync("www.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.ServFail, response.ResponseCode);
        Assert.True(response.Header.RecursionAvailable);
        Assert.True(elapsed < NotHung, $"took {elapsed}");
        Assert.Equal(1, harness.Forwarder.Counters.Failures);
    }

    [Fact]
    public async Task ForwardAsync_OnlyUpstreamSilent_AskedAgainWithANewIdBeforeGivingUp()
    {
        using var upstream = FakeUpstream.Start();
        upstream.Mode = UpstreamMode.Silent;
        await using var harness = ForwardingHarness.Create([upstream.Endpoint], o => (o.AttemptTimeoutMs, o.TimeoutMs) = (300, 3000));

        var (response, _) = await harness.TimedAskAsync("www.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.ServFail, response.ResponseCode);
        var ids = upstream.Received.Select(r => r.Query.Header.Id).ToList();
        Assert.True(ids.Count >= 2, $"asked {ids.Count} time(s)");
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task ForwardAsync_AfterAnUpstreamFailed_TheOtherIsAskedFirst()
    {
        using var first = FakeUpstream.Start("127.0.0.2");
        using var second = FakeUpstream.Start("127.0.0.3");
        first.Mode = UpstreamMode.Silent;
        second.AddA("a.example.net.", "127.0.0.20");
        second.AddA("b.example.net.", "127.0.0.21");
        await using var harness = ForwardingHarness.Create(first, second);

        await harness.AskAsync("a.example.net.", RecordType.A);
        int firstAsked = first.Queries;
        await harness.AskAsync("b.example.net.", RecordType.A);

        Assert.Equal(firstAsked, first.Queries);
        Assert.Equal(2, second.Queries);
        Assert.True(harness.Forwarder.Counters.Upstreams[0].Timeouts >= 1);
    }

    [Fact]
    public async Task ForwardAsync_SeveralHealthyUpstreams_TheFastestIsPreferred()
    {
        using var slow = FakeUpstream.Start("127.0.0.2");
        using var fast = FakeUpstream.Start("127.0.0.3");
        slow.Mode = UpstreamMode.Slow;
        slow.Delay = TimeSpan.FromMilliseconds(400);
        for (int i = 0; i < 10; i++)
        {
            slow.AddA($"n{i}.example.net.", "127.0.0.20");
            fast.AddA($"n{i}.example.net.", "127.0.0.20");
        }
        await using var harness = ForwardingHarness.Create([slow.Endpoint, fast.Endpoint], o => o.AttemptTimeoutMs = 2000);

        for (int i = 0; i < 10; i++)
            await harness.AskAsync($"n{i}.example.net.", RecordType.A);

        // Both get measured once; after that the fast one is asked first every time.
        Assert.True(fast.Queries >= 9, $"fast asked {fast.Queries} times");
        Assert.True(slow.Queries <= 2, $"slow asked {slow.Queries} times");
    }
}
