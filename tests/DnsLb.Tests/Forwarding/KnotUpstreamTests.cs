using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Forwarding;

/// <summary>
/// Knot DNS as the upstream, serving a zone on loopback: what the forwarder passes on is record for record
/// what Knot answers (names in RDATA expanded and compressed again by us), with RA=1 and AA=0.
/// </summary>
public sealed class KnotUpstreamTests : IDisposable
{
    private const string Zone = "upstream.example";
    private readonly string _zoneFile;
    private readonly KnotServer _knot;

    public KnotUpstreamTests()
    {
        _zoneFile = Path.Combine(Directory.CreateTempSubdirectory("dnslb-fwd-").FullName, Zone + ".zone");
        var text = $"""
            $ORIGIN {Zone}.
            $TTL 300
            @ SOA ns1 hostmaster 1 3600 600 86400 120
            @ NS ns1
            @ MX 10 mail
            @ MX 20 mail2.elsewhere.example.
            ns1 A 127.0.0.1
            mail A 127.0.0.41
            www A 127.0.0.40
            www AAAA ::1
            alias CNAME www
            _sip._udp SRV 0 5 5060 www
            """ + "\n";
        for (int i = 0; i < 12; i++)
            text += $"big TXT \"{new string((char)('a' + i), 200)}\"\n";
        File.WriteAllText(_zoneFile, text);
        _knot = KnotServer.Start(_zoneFile, Zone);
    }

    private ForwardingHarness Harness() => ForwardingHarness.Create([$"127.0.0.1:{_knot.Port}"]);

    [Theory]
    [InlineData("www.upstream.example.", RecordType.A)]
    [InlineData("WWW.Upstream.Example.", RecordType.AAAA)]
    [InlineData("alias.upstream.example.", RecordType.A)]
    [InlineData("upstream.example.", RecordType.MX)]
    [InlineData("upstream.example.", RecordType.SOA)]
    [InlineData("upstream.example.", RecordType.NS)]
    [InlineData("_sip._udp.upstream.example.", RecordType.SRV)]
    [InlineData("nothing.upstream.example.", RecordType.A)]
    [InlineData("www.upstream.example.", RecordType.TXT)]
    public async Task ForwardAsync_KnotUpstream_PassesOnKnotsRecords(string name, RecordType type)
    {
        await using var harness = Harness();
        var direct = DnsTestClient.UdpRaw(_knot.Port, ForwardingHarness.Query(name, type, 11, edns: 1232));

        var (forwarded, _) = await harness.AskRawAsync(ForwardingHarness.Query(name, type, 12, edns: 1232));

        var knot = DnsTestClient.Parse(direct);
        var ours = DnsTestClient.Parse(forwarded);
        Assert.Equal(knot.ResponseCode, ours.ResponseCode);
        Assert.Equal(Sorted(WireRecords.Records(direct)), Sorted(WireRecords.Records(forwarded)));
        Assert.True(knot.Header.IsAuthoritative);
        Assert.False(ours.Header.IsAuthoritative);
        Assert.True(ours.Header.RecursionAvailable);
        Assert.Equal(name, ours.Questions[0].Name.ToString());
        Assert.Equal(12, ours.Header.Id);
    }

    [Fact]
    public async Task ForwardAsync_KnotNxDomain_CachedForTheSoaMinimum()
    {
        await using var harness = Harness();

        var first = await harness.AskAsync("nothing.upstream.example.", RecordType.A);
        var (_, synchronous) = await harness.AskRawAsync(ForwardingHarness.Query("nothing.upstream.example.", RecordType.A, 3));

        Assert.Equal((int)ResponseCode.NXDomain, first.ResponseCode);
        Assert.InRange(Assert.Single(first.Authorities).Ttl, 119u, 120u); // min(TTL 300, MINIMUM 120)
        Assert.True(synchronous);
    }

    [Fact]
    public async Task ForwardAsync_KnotAnswerOver1232Bytes_FetchedOverTcpAndTruncatedForUdpClients()
    {
        await using var harness = Harness();

        var (tcp, _) = await harness.AskRawAsync(ForwardingHarness.Query("big.upstream.example.", RecordType.TXT, 1), overTcp: true);
        var (udp, _) = await harness.AskRawAsync(ForwardingHarness.Query("big.upstream.example.", RecordType.TXT, 2, edns: 1232));

        Assert.Equal(12, DnsTestClient.Parse(tcp).Answers.Count);
        Assert.True(DnsTestClient.Parse(udp).Header.IsTruncated);
        Assert.True(udp.Length <= 1232);
    }

    /// <summary>
    /// Records in a comparable order (owner, type, RDATA; TTLs aside, since a negative answer's SOA TTL is
    /// lowered on purpose to min(TTL, MINIMUM), RFC 2308 §5).
    /// </summary>
    private static List<WireRecord> Sorted(List<WireRecord> records) =>
        [.. records.OrderBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.Type).ThenBy(r => r.RData, StringComparer.Ordinal)];

    public void Dispose()
    {
        _knot.Dispose();
        Directory.Delete(Path.GetDirectoryName(_zoneFile)!, recursive: true);
    }
}
