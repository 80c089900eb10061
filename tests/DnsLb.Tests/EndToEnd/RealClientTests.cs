using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>The example zone queried with real clients: dig (bind9-dnsutils), kdig (knot-dnsutils), dnspython.</summary>
public sealed class RealClientTests(RealClientTests.Server server) : IClassFixture<RealClientTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        internal TestServer? Instance { get; private set; }

        public async Task InitializeAsync() => Instance = await TestServer.StartWithZoneAsync(TestPaths.ExampleZone);

        public async Task DisposeAsync() => await Instance!.DisposeAsync();
    }

    private string[] Dig(string tool, string package, params string[] arguments)
    {
        var path = ExternalTool.Require(tool, package);
        var result = ExternalTool.Run(path, ["@127.0.0.1", "-p", server.Instance!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=2", tool == "kdig" ? "+retry=0" : "+tries=1", .. arguments]);
        Assert.True(result.ExitCode == 0, $"{tool} failed: {result.Error}{result.Output}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Theory]
    [InlineData("dig", "bind9-dnsutils", "+notcp")]
    [InlineData("dig", "bind9-dnsutils", "+tcp")]
    [InlineData("kdig", "knot-dnsutils", "+notcp")]
    [InlineData("kdig", "knot-dnsutils", "+tcp")]
    public void Short_PoolName_PrintsTheThreeAddresses(string tool, string package, string transport)
    {
        var lines = Dig(tool, package, transport, "twopir.example.com", "A", "+short");
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], lines.Order());
    }

    [Theory]
    [InlineData("dig", "bind9-dnsutils")]
    [InlineData("kdig", "knot-dnsutils")]
    public void Short_Cname_PrintsTheChain(string tool, string package)
    {
        var lines = Dig(tool, package, "www.example.com", "A", "+short");
        Assert.Equal("twopir.example.com.", lines[0]);
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], lines[1..].Order());
    }

    [Theory]
    [InlineData("dig", "bind9-dnsutils")]
    [InlineData("kdig", "knot-dnsutils")]
    public void MissingName_ShowsNxDomainWithSoa(string tool, string package)
    {
        var output = string.Join('\n', Dig(tool, package, "nope.example.com", "A"));
        Assert.Contains("NXDOMAIN", output);
        Assert.Contains("SOA", output);
        Assert.Matches(@"[Ff]lags: qr aa", output);
    }

    [Fact]
    public void Dig_EveryTypeOfTheExampleZone_Parses()
    {
        foreach (var (name, type, expected) in new[]
        {
            ("example.com", "SOA", "ns1.example.com. hostmaster.example.com. 2026112101 3600 600 86400 60"),
            ("example.com", "MX", "10 mail.example.com."),
            ("example.com", "TXT", "\"v=spf1 -all\""),
            ("example.com", "CAA", "0 issue \"letsencrypt.org\""),
            ("static.example.com", "AAAA", "::1"),
            ("_http._tcp.example.com", "SRV", "0 5 80 twopir.example.com."),
            ("11.0.0.127.in-addr.example.com", "PTR", "twopir.example.com."),
        })
        {
            Assert.Equal([expected], Dig("dig", "bind9-dnsutils", name, type, "+short"));
        }
    }

    [Fact]
    public void Dnspython_ResolvesThePoolName()
    {
        // Debian's python3-dnspython lives with the system python3.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Require("python3", "python3");
        string script = $"""
            import dns.message, dns.query, dns.rdatatype
            q = dns.message.make_query('twopir.example.com', 'A', use_edns=0)
            r = dns.query.udp(q, '127.0.0.1', port={server.Instance!.Port}, timeout=3)
            assert r.rcode() == 0 and r.flags & 0x0400, r
            t = dns.query.tcp(q, '127.0.0.1', port={server.Instance!.Port}, timeout=3)
            for m in (r, t):
                print(' '.join(sorted(rr.address for rr in m.answer[0])))
            """;
        var result = ExternalTool.Run(python, ["-c", script]);
        Assert.True(result.ExitCode == 0, $"dnspython failed (apt-get install python3-dnspython): {result.Error}");
        Assert.Equal(["127.0.0.11 127.0.0.12 127.0.0.13", "127.0.0.11 127.0.0.12 127.0.0.13"],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
