using DnsLb.Protocol;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;

namespace DnsLb.Tests.Transfer.Serving;

/// <summary>kdig and dig transfer zones from a loopback responder built on our AXFR/IXFR writer and TSIG.</summary>
public sealed class KdigTransferTests
{
    private static TransferAccess Loopback(DnsLb.Transfer.Tsig.TsigKey? key = null) =>
        new([new TransferSecondary(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 53), TransferMembers.All, key)]);

    [Fact]
    public async Task Kdig_Axfr_GetsEveryRecordWithTheSoaFirstAndLast()
    {
        var zone = TransferZones.Parse(TransferZones.Example);
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(zone));
        await using var server = new TransferTestServer(zones, Loopback());
        var (code, output) = KdigRecords.Kdig(server.Port, "example.com.", "AXFR");
        Assert.True(code == 0, output);
        var expected = KdigRecords.Lines(zone);
        expected.Add(expected[0]);
        Assert.Equal(expected, KdigRecords.Records(output));
    }

    [Theory]
    [InlineData("hmac-sha256")]
    [InlineData("hmac-sha512")]
    public async Task Kdig_SignedAxfrOfManyMessages_VerifiesEveryMessage(string algorithm)
    {
        var key = Tsig.TsigTestKeys.Key(algorithm);
        var zone = TransferZones.Large(3000);
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(zone));
        await using var server = new TransferTestServer(zones, Loopback(key), Tsig.TsigTestKeys.Ring(key));
        var (code, output) = KdigRecords.Kdig(server.Port, "-y", $"{algorithm}:transfer-key:{Tsig.TsigVectors.Secret}", "example.com.", "AXFR");
        Assert.True(code == 0, output);
        var records = KdigRecords.Records(output);
        Assert.Equal(zone.RecordCount + 1, records.Count);
        Assert.Equal(KdigRecords.Lines(zone).ToHashSet(), records.ToHashSet());
        var outcome = await server.SingleOutcomeAsync();
        Assert.Equal(TransferResult.Full, outcome.Result);
        Assert.True(outcome.Messages > 2, $"{outcome.Messages} messages");
        Assert.Contains($"({outcome.Messages} messages, {zone.RecordCount + 1} records)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_SignedAxfrOfManyMessages_VerifiesEveryMessage()
    {
        var key = Tsig.TsigTestKeys.Key();
        var zone = TransferZones.Large(3000);
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(zone));
        await using var server = new TransferTestServer(zones, Loopback(key), Tsig.TsigTestKeys.Ring(key));
        var (code, output) = KdigRecords.Dig(server.Port, "-y", $"hmac-sha256:transfer-key:{Tsig.TsigVectors.Secret}", "example.com.", "AXFR");
        Assert.True(code == 0, output);
        var outcome = await server.SingleOutcomeAsync();
        Assert.Contains($"XFR size: {zone.RecordCount + 1} records (messages {outcome.Messages},", output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Kdig_WrongSecret_GetsBadSig()
    {
        var key = Tsig.TsigTestKeys.Key();
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Parse(TransferZones.Example)));
        await using var server = new TransferTestServer(zones, Loopback(key), Tsig.TsigTestKeys.Ring(key));
        var (_, output) = KdigRecords.Kdig(server.Port, "-y", "hmac-sha256:transfer-key:c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l", "example.com.", "AXFR");
        Assert.Empty(KdigRecords.Records(output));
        Assert.Contains("server replied with error 'BADSIG'", output, StringComparison.Ordinal);
        Assert.Equal(TransferResult.TsigRejected, (await server.SingleOutcomeAsync()).Result);
    }

    [Fact]
    public async Task Kdig_UnknownKey_GetsBadKey()
    {
        var key = Tsig.TsigTestKeys.Key();
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Parse(TransferZones.Example)));
        await using var server = new TransferTestServer(zones, Loopback(key), Tsig.TsigTestKeys.Ring(key));
        var (_, output) = KdigRecords.Kdig(server.Port, "-y", $"hmac-sha256:another-key:{Tsig.TsigVectors.Secret}", "example.com.", "AXFR");
        Assert.Empty(KdigRecords.Records(output));
        Assert.Contains("server replied with error 'BADKEY'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_UnsignedWhereAKeyIsRequired_IsRefused()
    {
        var key = Tsig.TsigTestKeys.Key();
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Parse(TransferZones.Example)));
        await using var server = new TransferTestServer(zones, Loopback(key), Tsig.TsigTestKeys.Ring(key));
        var (_, output) = KdigRecords.Kdig(server.Port, "example.com.", "AXFR");
        Assert.Empty(KdigRecords.Records(output));
        Assert.Contains("REFUSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_FromAnUnlistedAddress_IsRefused()
    {
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Parse(TransferZones.Example)));
        var access = new TransferAccess([new TransferSecondary(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.2"), 53), TransferMembers.All, null)]);
        await using var server = new TransferTestServer(zones, access);
        var (_, output) = KdigRecords.Kdig(server.Port, "example.com.", "AXFR");
        Assert.Contains("REFUSED", output, StringComparison.Ordinal);
        Assert.Equal(TransferResult.Refused, (await server.SingleOutcomeAsync()).Result);
    }

    [Fact]
    public async Task Kdig_UnknownZone_IsNotAuth()
    {
        await using var server = new TransferTestServer(new FakeZoneSource(), Loopback());
        var (_, output) = KdigRecords.Kdig(server.Port, "example.org.", "AXFR");
        Assert.Contains("NOTAUTH", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_Ixfr_GetsTheCondensedStepsSinceItsSerial()
    {
        var v1 = TransferZones.Version(1);
        var served = TransferZones.Served(v1)
            .Next(TransferZones.Version(2, "new1 IN A 127.0.0.21"))
            .Next(TransferZones.Parse(TransferZones.Example.Replace("hostmaster 1 ", "hostmaster 3 ", StringComparison.Ordinal)
                .Replace("twopir 5 IN A 127.0.0.12\n", "", StringComparison.Ordinal) + "\nnew1 IN A 127.0.0.21\nnew2 IN A 127.0.0.22\n"));
        var zones = new FakeZoneSource();
        zones.Set(served);
        await using var server = new TransferTestServer(zones, Loopback());
        var (code, output) = KdigRecords.Kdig(server.Port, "example.com.", "IXFR=1");
        Assert.True(code == 0, output);
        var soa = (uint serial) => KdigRecords.Line(served.Zone.Origin, 300, Soa(served, serial));
        string A(string name, string address) => KdigRecords.Line(DnsName.Parse(name), name.StartsWith("twopir", StringComparison.Ordinal) ? 5u : 300u,
            new DnsLb.Protocol.RecordData.AddressData(System.Net.IPAddress.Parse(address)));
        Assert.Equal(
            [soa(3), soa(1), soa(2), A("new1.example.com.", "127.0.0.21"), soa(2), A("twopir.example.com.", "127.0.0.12"), soa(3), A("new2.example.com.", "127.0.0.22"), soa(3)],
            KdigRecords.Records(output));
        Assert.Equal(TransferResult.Incremental, (await server.SingleOutcomeAsync()).Result);
    }

    [Fact]
    public async Task Kdig_IxfrFromBeyondTheHistory_GetsTheWholeZone()
    {
        var served = TransferZones.Served(TransferZones.Version(5)).Next(TransferZones.Version(6, "new1 IN A 127.0.0.21"));
        var zones = new FakeZoneSource();
        zones.Set(served);
        await using var server = new TransferTestServer(zones, Loopback());
        var (code, output) = KdigRecords.Kdig(server.Port, "example.com.", "IXFR=2");
        Assert.True(code == 0, output);
        var expected = KdigRecords.Lines(served.Zone);
        expected.Add(expected[0]);
        Assert.Equal(expected, KdigRecords.Records(output));
        Assert.Equal(TransferResult.Full, (await server.SingleOutcomeAsync()).Result);
    }

    [Theory]
    [InlineData("+tcp")]
    [InlineData("+notcp")]
    public async Task Kdig_IxfrAtTheCurrentSerial_GetsTheSoaAlone(string transport)
    {
        var served = TransferZones.Served(TransferZones.Version(7));
        var zones = new FakeZoneSource();
        zones.Set(served);
        await using var server = new TransferTestServer(zones, Loopback());
        var (code, output) = KdigRecords.Kdig(server.Port, transport, "example.com.", "IXFR=7");
        Assert.True(code == 0, output);
        Assert.Equal([KdigRecords.Line(served.Zone.Origin, 300, served.Zone.Soa)], KdigRecords.Records(output));
        Assert.Equal(TransferResult.UpToDate, (await server.SingleOutcomeAsync()).Result);
    }

    [Fact]
    public async Task Kdig_AxfrOverUdp_IsNotImplemented()
    {
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Version(7)));
        await using var server = new TransferTestServer(zones, Loopback());
        var (_, output) = KdigRecords.Kdig(server.Port, "+notcp", "example.com.", "AXFR");
        Assert.Contains("NOTIMP", output, StringComparison.Ordinal);
    }

    private static DnsLb.Protocol.RecordData.SoaData Soa(ServedZone zone, uint serial)
    {
        var soa = zone.Zone.Soa;
        return new DnsLb.Protocol.RecordData.SoaData(soa.Primary, soa.Mailbox, serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum);
    }
}
