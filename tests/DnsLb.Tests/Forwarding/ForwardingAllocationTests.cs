using DnsLb.Tests.Support;
using DnsLb.Forwarding;
using DnsLb.Protocol;

namespace DnsLb.Tests.Forwarding;

/// <summary>The synchronous path (cache hits and local answers) runs on a UDP receive thread: it allocates nothing.</summary>
public sealed class ForwardingAllocationTests
{
    [Fact]
    public async Task TryAnswerLocally_CacheHitsAndLocalAnswers_AllocateZeroBytes()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("www.example.net.", "127.0.0.20");
        upstream.AddManyA("big.example.net.", 60);
        await using var harness = ForwardingHarness.CreatePatient(upstream); // one upstream query per question, however busy the machine
        await harness.AskAsync("www.example.net.", RecordType.A, edns: 1232);
        await harness.AskAsync("www.example.net.", RecordType.A, edns: null);
        await harness.AskAsync("big.example.net.", RecordType.A, edns: 1232);
        await harness.AskAsync("nothing.example.net.", RecordType.A, edns: 1232);
        byte[][] queries =
        [
            ForwardingHarness.Query("www.example.net.", RecordType.A, 1, edns: 1232),     // hit, EDNS
            ForwardingHarness.Query("WWW.example.net.", RecordType.A, 2, edns: null),     // hit, case echoed
            ForwardingHarness.Query("big.example.net.", RecordType.A, 3, edns: 512),      // hit, truncated for the client
            ForwardingHarness.Query("nothing.example.net.", RecordType.A, 4, edns: 1232), // negative hit
            ForwardingHarness.Query("5.0.168.192.in-addr.arpa.", RecordType.PTR, 5),      // RFC 6303
            ForwardingHarness.Query("printer.", RecordType.A, 6, edns: null),             // single label
            ForwardingHarness.Query("localhost.", RecordType.AAAA, 7),
        ];
        var requests = queries.Select(q => ForwardingHarness.Request(q, overTcp: false)).ToArray();
        var forwarder = (IForwarder)harness.Forwarder;
        var response = new byte[65535];
        for (int i = 0; i < queries.Length; i++)
            Assert.True(Answer(forwarder, queries[i], requests[i], response) > 0, $"query {i} not answered synchronously");

        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int round = 0; round < 2000; round++)
            {
                for (int i = 0; i < queries.Length; i++)
                    Answer(forwarder, queries[i], requests[i], response);
            }
        }));
        Assert.Equal(3, upstream.Queries); // the warm-up only: www (asked twice, one key), big, nothing
    }

    private static int Answer(IForwarder forwarder, byte[] query, in ForwardRequest request, byte[] response)
    {
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        Span<byte> lower = stackalloc byte[WireName.MaxLength];
        ForwardQuestion.TryRead(query, name, lower, out var question);
        return forwarder.TryAnswerLocally(question, request, response, out int length) ? length : 0;
    }
}
