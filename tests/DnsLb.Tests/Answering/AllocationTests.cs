using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Tests.Forwarding;
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
            DnsMessage.Query("a.dn.ref.test.", RecordType.A, 12).Encode(),                   // DNAME, then data
            DnsMessage.Query("cd1.ref.test.", RecordType.A, 13).Encode(),                    // chain limit at a DNAME
            DnsMessage.Query("a.dl1.ref.test.", RecordType.A, 14).Encode(),                  // DNAME loop
            DnsMessage.Query("x.dsub.ref.test.", RecordType.A, 15).Encode(),                 // DNAME into a delegation
            DnsMessage.Query(new string('x', 50) + ".long.ref.test.", RecordType.A, 16).Encode(), // YXDOMAIN
            DnsMessage.Query("x.bigdeleg.ref.test.", RecordType.A, 17).Encode(),             // glue does not fit: TC
            DnsMessage.Query("x.bd2.ref.test.", RecordType.A, 18).Encode(),                  // required and sibling glue
            DnsMessage.Query("mxs.ref.test.", RecordType.MX, 19).Encode(),                   // additional as far as it fits
            DnsMessage.Query("wmx.ref.test.", RecordType.MX, 20).Encode(),                   // wildcard MX target
            DnsMessage.Query("lc.ref.test.", RecordType.A, 21).Encode(),                     // negative SOA left out
            DnsMessage.Query("x.hugens.ref.test.", RecordType.A, 22).Encode(),               // referral truncated
            DnsMessage.Query("elsewhere.example.", RecordType.A, 23, ednsPayload: 1232).Encode(), // REFUSED with EDE
            NotImp(24),                                                                       // NOTIMP with OPT
            NoQuestion(25),                                                                   // FORMERR with OPT
        ];
        Assert.Equal(0, AllocatedBytes(handler, queries, DnsTransport.Udp, rounds: 2000));
    }

    private static byte[] NotImp(ushort id)
    {
        var query = DnsMessage.Query("ref.test.", RecordType.SOA, id, ednsPayload: 1232);
        query.Header.OpCode = OpCode.Update;
        return query.Encode();
    }

    private static byte[] NoQuestion(ushort id)
    {
        var query = DnsMessage.Query("ref.test.", RecordType.SOA, id, ednsPayload: 1232);
        query.Questions.Clear();
        return query.Encode();
    }

    /// <summary>Bytes allocated by answering every query <paramref name="rounds"/> times, after a warm-up round.</summary>
    private static long AllocatedBytes(IDnsQueryHandler handler, byte[][] queries, DnsTransport transport, int rounds) =>
        AllocatedBytes(handler, queries, new QueryContext(transport), rounds);

    private static long AllocatedBytes(IDnsQueryHandler handler, byte[][] queries, in QueryContext context, int rounds)
    {
        var response = new byte[65535];
        foreach (var query in queries)
            Assert.True(handler.Handle(query, response, context) > 0);

        var copy = context; // a lambda cannot capture an in parameter
        return Allocations.Least(() =>
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (var query in queries)
                    handler.Handle(query, response, copy);
            }
        });
    }

    [Fact]
    public async Task Handle_PoolAnswers_AllocatesZeroBytes()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        var zone = TestZones.Header + """
            twopir 5 IN A 127.0.0.11
            twopir 5 IN A 127.0.0.12
            twopir 5 IN A 127.0.0.13
            www IN CNAME twopir
            alias IN DNAME example.com.
            @ IN MX 10 twopir
            _http._tcp IN SRV 0 0 80 twopir
            sib IN NS twopir

            """;
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
            DnsMessage.Query("twopir.alias.example.com.", RecordType.A, 3).Encode(),          // through a DNAME
            DnsMessage.Query("example.com.", RecordType.MX, 4).Encode(),                      // pool as MX target
            DnsMessage.Query("_http._tcp.example.com.", RecordType.SRV, 5).Encode(),          // pool as SRV target
            DnsMessage.Query("x.sib.example.com.", RecordType.A, 6).Encode(),                 // pool as sibling glue
            DnsMessage.Query("twopir.example.com.", RecordType.ANY, 7).Encode(),
        ];
        Assert.Equal(0, AllocatedBytes(handler, queries, DnsTransport.Tcp, rounds: 5000));
    }

    [Fact]
    public async Task Handle_LocalAnswersCacheHitsAndRefusals_OfARecursiveServer_AllocateZeroBytes()
    {
        using var upstream = FakeUpstream.Start();
        upstream.AddA("cached.upstream.example.", "127.0.0.70", ttl: 3600);
        await using var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?>
        {
            ["Forwarding:Upstreams:0"] = upstream.Endpoint,
            ["Forwarding:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Forwarding:AttemptTimeoutMs"] = "10000", // one upstream query, however busy the machine
            ["Forwarding:TimeoutMs"] = "30000",
        });
        var handler = server.Services.GetRequiredService<IDnsQueryHandler>();
        var primed = DnsTestClient.Udp(server.Port, DnsMessage.Query("cached.upstream.example.", RecordType.A, 1, 1232, recursionDesired: true));
        Assert.Single(primed.Answers);
        byte[][] allowed =
        [
            DnsMessage.Query("cached.upstream.example.", RecordType.A, 2, 1232, recursionDesired: true).Encode(), // cache hit
            DnsMessage.Query("CACHED.upstream.example.", RecordType.A, 3, recursionDesired: true).Encode(),      // cache hit, no EDNS
            DnsMessage.Query("printer.", RecordType.A, 4, 1232, recursionDesired: true).Encode(),                // single label
            DnsMessage.Query("1.1.168.192.in-addr.arpa.", RecordType.PTR, 5, recursionDesired: true).Encode(),   // private reverse
            DnsMessage.Query("localhost.", RecordType.AAAA, 6, recursionDesired: true).Encode(),
            DnsMessage.Query("elsewhere.example.", RecordType.A, 7, 1232).Encode(),                              // RD clear: refused
            DnsMessage.Query("twopir.example.com.", RecordType.HTTPS, 8, 1232, recursionDesired: true).Encode(), // in zone: NODATA
        ];
        byte[][] prohibited =
        [
            DnsMessage.Query("elsewhere.example.", RecordType.A, 9, 1232, recursionDesired: true).Encode(),
            DnsMessage.Query("printer.", RecordType.A, 10, recursionDesired: true).Encode(),
        ];
        var client = ClientAddress.FromIPAddress(System.Net.IPAddress.Loopback);
        var stranger = ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("127.0.0.2"));

        Assert.Equal(0, AllocatedBytes(handler, allowed, new QueryContext(DnsTransport.Udp, client), rounds: 2000));
        Assert.Equal(0, AllocatedBytes(handler, allowed, new QueryContext(DnsTransport.Tcp, client), rounds: 2000));
        Assert.Equal(0, AllocatedBytes(handler, prohibited, new QueryContext(DnsTransport.Udp, stranger), rounds: 2000));
        Assert.Equal(1, upstream.Queries);
    }

    [Fact]
    public async Task Handle_NsidChaosIdentityAndTheHealthyView_AllocateZeroBytes()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await TestServer.StartAsync(TestZones.Example(), new Dictionary<string, string?>
        {
            ["Dns:ServerId"] = "pi-one",
            ["Pools:twopir.example.com:Probe:Kind"] = "Tcp",
            ["Pools:twopir.example.com:Probe:Port"] = backends.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transfer:Secondaries:0:Address"] = "127.0.0.31",
            ["Transfer:Secondaries:0:Port"] = FreePort.Find("127.0.0.31").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transfer:Secondaries:0:Members"] = "Healthy",
        });
        var handler = server.Services.GetRequiredService<IDnsQueryHandler>();
        var chaos = DnsMessage.Query("id.server.", RecordType.TXT, 3, ednsPayload: 1232);
        chaos.Questions[0] = chaos.Questions[0] with { Class = (ushort)RecordClass.CH };
        byte[][] queries =
        [
            WithNsid(DnsMessage.Query("twopir.example.com.", RecordType.A, 1, ednsPayload: 1232).Encode()),
            WithNsid(DnsMessage.Query("elsewhere.example.", RecordType.A, 2, ednsPayload: 1232).Encode()), // REFUSED, with NSID
            chaos.Encode(),
            DnsMessage.Query("example.com.", RecordType.SOA, 4, ednsPayload: 1232).Encode(),
            DnsMessage.Query("twopir.example.com.", RecordType.A, 5).Encode(),
        ];
        var healthySecondary = new QueryContext(DnsTransport.Udp, ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("127.0.0.31")));
        var response = new byte[65535];
        foreach (var query in queries[..3])
            Assert.True(response.AsSpan(0, handler.Handle(query, response, new QueryContext(DnsTransport.Udp))).IndexOf("pi-one"u8) > 0);
        Assert.Equal(0, AllocatedBytes(handler, queries, DnsTransport.Udp, rounds: 2000));
        Assert.Equal(0, AllocatedBytes(handler, queries, healthySecondary, rounds: 2000));
    }

    /// <summary>The query with an empty NSID option (RFC 5001 §2.1) added to its OPT record, which ends it.</summary>
    private static byte[] WithNsid(byte[] query)
    {
        var grown = new byte[query.Length + 4];
        query.CopyTo(grown, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(grown.AsSpan(query.Length - 2), 4); // the OPT's RDLENGTH
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(grown.AsSpan(query.Length), 3);     // option code NSID, length 0
        return grown;
    }
}
