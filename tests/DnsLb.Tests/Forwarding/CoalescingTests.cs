using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Forwarding;

public sealed class CoalescingTests
{
    [Fact]
    public async Task ForwardAsync_ManyConcurrentIdenticalMisses_OneUpstreamQueryAndEveryClientItsOwnAnswer()
    {
        using var upstream = FakeUpstream.Start();
        upstream.Mode = UpstreamMode.Slow;
        upstream.Delay = TimeSpan.FromMilliseconds(500);
        upstream.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.Create([upstream.Endpoint], o => o.AttemptTimeoutMs = 2000);
        var names = Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? "www.example.net." : "WWW.Example.Net.").ToArray();

        var responses = await Task.WhenAll(names.Select((name, i) => Task.Run(async () =>
        {
            var query = ForwardingHarness.Query(name, RecordType.A, (ushort)(1000 + i));
            var (raw, _) = await harness.AskRawAsync(query);
            return Support.DnsTestClient.Parse(raw);
        })));

        Assert.Equal(1, upstream.Queries);
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(1000 + i, responses[i].Header.Id);
            Assert.Equal(names[i], responses[i].Questions[0].Name.ToString());
            Assert.Equal(IPAddress.Parse("127.0.0.20"), ((AddressData)Assert.Single(responses[i].Answers).Data).Address);
        }
        Assert.Equal(1, harness.Forwarder.Counters.Forwarded);
        Assert.Equal(49, harness.Forwarder.Counters.Coalesced);
    }

    [Fact]
    public async Task ForwardAsync_ConcurrentMissesDifferingInType_AreNotCoalesced()
    {
        using var upstream = FakeUpstream.Start();
        upstream.Mode = UpstreamMode.Slow;
        upstream.Delay = TimeSpan.FromMilliseconds(300);
        upstream.AddA("www.example.net.", "127.0.0.20");
        await using var harness = ForwardingHarness.Create([upstream.Endpoint], o => o.AttemptTimeoutMs = 2000);

        await Task.WhenAll(
            Task.Run(() => harness.AskAsync("www.example.net.", RecordType.A)),
            Task.Run(() => harness.AskAsync("www.example.net.", RecordType.AAAA)),
            Task.Run(() => harness.AskAsync("www.example.net.", RecordType.A, dnssecOk: true)));

        Assert.Equal(3, upstream.Queries);
    }
}
