using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DnsLb.Tests.Answering;

/// <summary>The authoritative query path allocates nothing per query (DESIGN.md "Performance").</summary>
public sealed class AllocationTests
{
    [Fact]
    public async Task Handle_AuthoritativeQueries_AllocatesZeroBytes()
    {
        await using var server = await TestServer.StartWithZoneAsync(TestPaths.TestZone("ref.test.zone"));
        var handler = server.Services.GetRequiredService<IDnsQueryHandler>();
        byte[][] queries =
        [
            DnsMessage.Query("host.ref.test.", RecordType.A, 1, ednsPayload: 1232).Encode(),
            DnsMessage.Query("www.ref.test.", RecordType.A, 2).Encode(),                     // CNAME followed
            DnsMessage.Query("nope.ref.test.", RecordType.A, 3, ednsPayload: 1232).Encode(), // NXDOMAIN
            DnsMessage.Query("c.ent.ref.test.", RecordType.A, 4).Encode(),                   // NODATA at an ENT
            DnsMessage.Query("x.wild.ref.test.", RecordType.A, 5).Encode(),                  // wildcard
            DnsMessage.Query("x.sub.ref.test.", RecordType.A, 6).Encode(),                   // referral with glue
            DnsMessage.Query("ref.test.", RecordType.MX, 7).Encode(),                        // additional section
            DnsMessage.Query("big.ref.test.", RecordType.A, 8).Encode(),                     // truncated
            DnsMessage.Query("chain1.ref.test.", RecordType.A, 9).Encode(),
            DnsMessage.Query("elsewhere.example.", RecordType.A, 10).Encode(),               // refused
            DnsMessage.Query("ref.test.", RecordType.ANY, 11).Encode(),                      // minimal ANY
        ];
        Assert.Equal(0, AllocatedBytes(handler, queries, DnsTransport.Udp, rounds: 2000));
    }

    /// <summary>Bytes allocated by answering every query <paramref name="rounds"/> times, after a warm-up round.</summary>
    private static long AllocatedBytes(IDnsQueryHandler handler, byte[][] queries, DnsTransport transport, int rounds)
    {
        var response = new byte[65535];
        var context = new QueryContext(transport);
        foreach (var query in queries)
            Assert.True(handler.Handle(query, response, context) > 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < rounds; round++)
        {
            foreach (var query in queries)
                handler.Handle(query, response, context);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public async Task Handle_PoolAnswers_AllocatesZeroBytes()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        var zone = TestZones.Header + "twopir 5 IN A 127.0.0.11\ntwopir 5 IN A 127.0.0.12\ntwopir 5 IN A 127.0.0.13\nwww IN CNAME twopir\n";
        await using var server = await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = zone }, new Dictionary<string, string?>
        {
            ["Pools:twopir.example.com:Probe:Kind"] = "Tcp",
            ["Pools:twopir.example.com:Probe:Port"] = backends.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pools:twopir.example.com:WhenAllDown"] = "None",
        });
        var handler = server.Services.GetRequiredService<IDnsQueryHandler>();
        byte[][] queries =
        [
            DnsMessage.Query("twopir.example.com.", RecordType.A, 1, ednsPayload: 1232).Encode(),
            DnsMessage.Query("www.example.com.", RecordType.A, 2).Encode(),
        ];
        Assert.Equal(0, AllocatedBytes(handler, queries, DnsTransport.Tcp, rounds: 5000));
    }
}
