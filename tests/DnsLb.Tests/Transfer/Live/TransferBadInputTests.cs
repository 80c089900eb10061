using System.Globalization;
using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// What a running DnsLb does with transfer traffic it must not trust: a transfer asked from an address not
/// listed, unsigned or with a bad key (REFUSED, BADSIG, BADKEY, as kdig sees them); a NOTIFY from a stranger
/// or badly signed (refused, and no refresh); a primary that sends a broken transfer (rejected whole: the
/// zone keeps serving its last good version, and its saved copy stays).
/// </summary>
public sealed class TransferBadInputTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static (int Code, string Output) Kdig(TestServer server, string from, params string[] arguments)
    {
        var kdig = ExternalTool.Require("kdig", "knot-dnsutils");
        var (code, output, error) = ExternalTool.Run(kdig, ["-b", from, "@127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), .. arguments]);
        return (code, output + error);
    }

    [Fact]
    public async Task TransferRequest_FromAnAddressNotListed_IsRefused_WhileTheListedOneTransfers()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using var primary = await LiveZone.StartPrimaryAsync(backends, StockSecondaryTests.Listed("127.0.0.22", FreePort.Find("127.0.0.22"), "All"));

        var (_, stranger) = Kdig(primary, "127.0.0.23", "example.com.", "AXFR");
        Assert.Contains("server replied with error 'REFUSED'", stranger, StringComparison.Ordinal);
        var (_, incremental) = Kdig(primary, "127.0.0.23", "example.com.", "IXFR=0");
        Assert.Contains("REFUSED", incremental, StringComparison.Ordinal);
        Assert.True(primary.Log.Contains("transfer of example.com. refused to 127.0.0.23 (unsigned)"));

        var (code, listed) = Kdig(primary, "127.0.0.22", "example.com.", "AXFR");
        Assert.True(code == 0, listed);
        Assert.Contains("(1 messages, 12 records)", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferRequest_FromTheListedAddress_WithoutItsKeyOrWithABadOne_IsRejected()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        var key = GeneratedKey.FromTsigKeygen("pi-pair", "hmac-sha512");
        var settings = StockSecondaryTests.Listed("127.0.0.22", FreePort.Find("127.0.0.22"), "All");
        settings["Transfer:Secondaries:0:Key"] = key.Name;
        foreach (var (name, value) in key.Settings())
            settings[name] = value;
        await using var primary = await LiveZone.StartPrimaryAsync(backends, settings);

        Assert.Contains("error 'REFUSED'", Kdig(primary, "127.0.0.22", "example.com.", "AXFR").Output, StringComparison.Ordinal);
        var wrongSecret = Convert.ToBase64String(new byte[64]);
        Assert.Contains("error 'BADSIG'", Kdig(primary, "127.0.0.22", "-y", $"hmac-sha512:pi-pair:{wrongSecret}", "example.com.", "AXFR").Output, StringComparison.Ordinal);
        Assert.Contains("error 'BADKEY'", Kdig(primary, "127.0.0.22", "-y", $"hmac-sha512:stranger:{key.Secret}", "example.com.", "AXFR").Output, StringComparison.Ordinal);
        // The right key from another address: still not listed.
        Assert.Contains("error 'REFUSED'", Kdig(primary, "127.0.0.23", "-y", $"hmac-sha512:pi-pair:{key.Secret}", "example.com.", "AXFR").Output, StringComparison.Ordinal);

        var (code, signed) = Kdig(primary, "127.0.0.22", "-y", $"hmac-sha512:pi-pair:{key.Secret}", "example.com.", "AXFR");
        Assert.True(code == 0, signed);
        Assert.Contains("(1 messages, 12 records)", signed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_FromAStranger_OrWithoutTheZonesKey_IsRefused_AndAsksNothing()
    {
        var key = TsigTestKeys.Key(name: "pi-pair");
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Version(1)));
        await using var primary = new TransferTestServer(zones, new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, key)]),
            TsigTestKeys.Ring(key));
        await using var secondary = await StartSecondaryAsync(primary, key);
        await Eventually.True(() => LiveZone.Serial(secondary) == 1, "the secondary serves serial 1");
        int asked = primary.SoaQueries;

        Assert.Equal(ResponseCode.Refused, SendNotify(secondary, from: "127.0.0.99", key)); // right key, wrong address
        Assert.Equal(ResponseCode.Refused, SendNotify(secondary, from: "127.0.0.1", key: null)); // right address, unsigned
        Assert.Equal(ResponseCode.NotAuth, SendNotify(secondary, from: "127.0.0.1", TsigTestKeys.Key(name: "pi-pair", secret: Convert.ToBase64String(new byte[32]))));
        // Each was judged before its answer went out: none of them asked the primaries for anything.
        Assert.False(secondary.Log.Contains("asking the primaries now"));
        Assert.True(secondary.Log.Contains("NOTIFY for example.com. from 127.0.0.99 not taken: Refused"));

        Assert.Equal(ResponseCode.NoError, SendNotify(secondary, from: "127.0.0.1", key));
        Assert.True(secondary.Log.Contains("NOTIFY for secondary zone example.com. from 127.0.0.1 (serial 1): asking the primaries now"));
        await Eventually.True(() => primary.SoaQueries > asked, "the listed primary's NOTIFY made the secondary ask");
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("no final SOA")]
    [InlineData("wrong zone")]
    [InlineData("bad message")]
    public async Task BrokenTransfer_FromTheListedPrimary_IsRejected_AndTheLastGoodVersionStaysServed(string breakage)
    {
        var zones = new FakeZoneSource();
        var served = TransferZones.Served(TransferZones.Version(1));
        zones.Set(served);
        await using var primary = new TransferTestServer(zones, new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, null)]));
        await using var secondary = await StartSecondaryAsync(primary, key: null);
        await Eventually.True(() => LiveZone.Serial(secondary) == 1, "the secondary serves serial 1");
        var savedCopy = Path.Combine(secondary.SecondaryDirectory, "example.com.zone");
        var saved = File.ReadAllText(savedCopy);

        zones.Set(served.Next(TransferZones.Large(3000, serial: 9)));
        primary.Tamper = (message, index) => BrokenTransfer.Break(breakage, message, index);
        Assert.Equal(ResponseCode.NoError, SendNotify(secondary, from: "127.0.0.1", key: null));
        await Eventually.True(() => secondary.Log.Contains("secondary zone example.com.: no primary answered"), "the broken transfer rejected");

        Assert.Equal(1u, LiveZone.Serial(secondary));
        Assert.Equal(["127.0.0.11", "127.0.0.12"], LiveZone.Addresses(LiveZone.Ask(secondary, "twopir.example.com.", RecordType.A)));
        Assert.Equal(ResponseCode.NXDomain, (ResponseCode)LiveZone.Ask(secondary, "host1.example.com.", RecordType.A).ResponseCode);
        Assert.Equal(saved, File.ReadAllText(savedCopy));

        // The primary mended, the next NOTIFY brings the new version whole.
        primary.Tamper = null;
        Assert.Equal(ResponseCode.NoError, SendNotify(secondary, from: "127.0.0.1", key: null));
        await Eventually.True(() => LiveZone.Serial(secondary) == 9, "serial 9 once the primary sends it whole");
        Assert.Single(LiveZone.Ask(secondary, "host1.example.com.", RecordType.A).Answers);
    }

    private static Task<TestServer> StartSecondaryAsync(TransferTestServer primary, TsigKey? key)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Secondary:Zones:example.com:Primaries:0"] = $"127.0.0.1:{primary.Port}",
            // Slow timers: only a NOTIFY makes it ask again within the test.
        };
        if (key is not null)
        {
            settings["Secondary:Zones:example.com:Key"] = "pi-pair";
            settings["Transfer:Keys:pi-pair:Secret"] = TsigVectors.Secret;
        }
        return TestServer.StartAsync(new Dictionary<string, string>(), settings);
    }

    /// <summary>A NOTIFY for example.com. (serial 1), from <paramref name="from"/>, signed with <paramref name="key"/> when given; the answer's rcode.</summary>
    private static ResponseCode SendNotify(TestServer secondary, string from, TsigKey? key)
    {
        var buffer = new byte[NotifyMessage.MaxSize];
        int length = NotifyMessage.Write(buffer, 4321, TransferZones.Version(1), key, TimeProvider.System, out var exchange);
        exchange?.Dispose();
        var answer = DnsTestClient.UdpRaw(secondary.Port, buffer[..length], from: from);
        var header = DnsTestClient.Parse(answer).Header;
        Assert.True(header.IsResponse && header.Id == 4321 && header.OpCode == OpCode.Notify);
        return (ResponseCode)header.ResponseCode;
    }
}
