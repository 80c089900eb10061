using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// Answers a real resolver can use: Unbound in front of DnsLb (a loopback stub zone, nothing else). A delegation
/// whose glue does not fit a UDP response (RFC 9471: TC=1, then TCP) is followed to the child's servers, and
/// a pool name resolves to its live nodes only, directly and through a DNAME.
/// </summary>
public sealed class ResolverTests
{
    private const string Parent = "lab.example.";
    private const string Child = "deep.lab.example.";

    /// <summary>
    /// The child zone's servers: DnsLb on port 53 of these loopback addresses, since glue carries no port (binding
    /// it needs root, as .ci/run has; otherwise the server's start-up line says so).
    /// </summary>
    private static readonly string[] ChildAddresses = [.. Enumerable.Range(1, 8).Select(i => $"127.53.6.{i}")];

    /// <summary>Eight name servers inside the child, eight glue addresses each: about 1.4 KB, more than 1232 octets.</summary>
    private static string NameServers(string owner)
    {
        var text = "";
        for (int n = 1; n <= 8; n++)
            text += $"{owner} IN NS ns{n}-a-name-server-with-a-long-label.{Child}\n";
        for (int n = 1; n <= 8; n++)
        {
            foreach (var address in ChildAddresses)
                text += $"ns{n}-a-name-server-with-a-long-label.{Child} IN A {address}\n";
        }
        return text;
    }

    private static string ParentZone => $"""
        $ORIGIN {Parent}
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 127.0.0.1
        twopir 5 IN A 127.0.0.11
        twopir 5 IN A 127.0.0.12
        twopir 5 IN A 127.0.0.13
        www IN CNAME twopir
        alias IN DNAME {Parent}

        """ + NameServers("deep");

    private static string ChildZone => $"""
        $ORIGIN {Child}
        $TTL 300
        @ IN SOA ns1-a-name-server-with-a-long-label hostmaster 1 3600 600 86400 60
        www IN A 127.0.0.99

        """ + NameServers("@");

    private static Task<TestServer> StartParentAsync(Backends backends) => TestServer.StartAsync(
        new Dictionary<string, string> { [Parent + "zone"] = ParentZone },
        new Dictionary<string, string?>
        {
            ["Pools:twopir.lab.example:Probe:Kind"] = "Http",
            ["Pools:twopir.lab.example:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture),
            ["Pools:twopir.lab.example:IntervalMs"] = "200",
            ["Pools:twopir.lab.example:RecheckMs"] = "50",
        });

    private static Task<TestServer> StartChildAsync()
    {
        var settings = new Dictionary<string, string?> { ["Dns:Port"] = "53" };
        for (int i = 0; i < ChildAddresses.Length; i++)
            settings[$"Dns:Listen:{i}"] = ChildAddresses[i];
        return TestServer.StartAsync(new Dictionary<string, string> { [Child + "zone"] = ChildZone }, settings);
    }

    private static string[] Addresses(DnsMessage answer) =>
        [.. answer.Answers.Where(r => r.Type == RecordType.A).Select(r => r.Data.ToString()).Order()];

    [Fact]
    public async Task Unbound_FollowsAReferralWhoseGlueDoesNotFitUdp_AndResolvesBelowIt()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var parent = await StartParentAsync(backends);
        await using var child = await StartChildAsync();

        // The referral needs TCP: every in-domain glue record or TC=1, never a referral without its glue.
        var referral = DnsTestClient.Udp(parent.Port, "www." + Child, RecordType.A);
        Assert.True(referral.Header.IsTruncated, "the referral fits 1232 octets, so this test would not test truncation");
        Assert.False(referral.Header.IsAuthoritative);
        var whole = DnsTestClient.Tcp(parent.Port, "www." + Child, RecordType.A);
        Assert.Equal(64, whole.Additionals.Count(r => r.Type == RecordType.A));

        using var unbound = UnboundResolver.Start(Parent, parent.Port);
        var answer = unbound.Resolve("www." + Child, RecordType.A);
        Assert.True(answer.ResponseCode == 0, $"rcode {answer.ResponseCode}; unbound:\n{unbound.Log}");
        Assert.Equal(["127.0.0.99"], Addresses(answer));
    }

    [Fact]
    public async Task Unbound_ResolvesAPoolName_ToItsLiveNodesOnly()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var parent = await StartParentAsync(backends);
        backends["127.0.0.12"].Stop();
        await Eventually.True(() => Addresses(DnsTestClient.Udp(parent.Port, "twopir." + Parent, RecordType.A)).Length == 2, "127.0.0.12 out of DnsLb's answers");

        using var unbound = UnboundResolver.Start(Parent, parent.Port);
        foreach (var name in new[] { "twopir." + Parent, "www." + Parent, "www.alias." + Parent })
        {
            var answer = unbound.Resolve(name, RecordType.A);
            Assert.True(answer.ResponseCode == 0, $"{name}: rcode {answer.ResponseCode}; unbound:\n{unbound.Log}");
            Assert.Equal(["127.0.0.11", "127.0.0.13"], Addresses(answer));
        }
    }
}
