using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Serving;

/// <summary>The primary's transfer service as our own client sees it: which version each secondary gets, and signed answers.</summary>
public sealed class TransferServiceTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static TransferClient Client() => new(TimeProvider.System, TransferClientLimits.Default);

    [Fact]
    public async Task Members_TheSecondarysEntryChoosesTheVersionItGets()
    {
        var healthyKey = TsigTestKeys.Key(name: "healthy-key");
        var all = TransferZones.Version(1);
        var healthy = ZoneRewrite.Rewrite(all, 1, set => set.Owner.ToString() == "twopir.example.com." && set.Type == RecordType.A ? [set.Records[0]] : null);
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(all), TransferMembers.All);
        zones.Set(TransferZones.Served(healthy), TransferMembers.Healthy);
        var loopback = new IPEndPoint(IPAddress.Loopback, 53);
        var access = new TransferAccess([new TransferSecondary(loopback, TransferMembers.All, null), new TransferSecondary(loopback, TransferMembers.Healthy, healthyKey)]);
        await using var server = new TransferTestServer(zones, access, TsigTestKeys.Ring(healthyKey));

        var plain = await Client().TransferAsync(server.EndPoint, Origin, null, null, CancellationToken.None);
        var signed = await Client().TransferAsync(server.EndPoint, Origin, null, healthyKey, CancellationToken.None);

        Assert.True(plain.Succeeded && signed.Succeeded, plain.Error ?? signed.Error);
        Assert.Equal(2, plain.Content!.Records.Count(r => r.Owner.ToString() == "twopir.example.com."));
        Assert.Equal(1, signed.Content!.Records.Count(r => r.Owner.ToString() == "twopir.example.com."));
    }

    [Fact]
    public async Task Refusal_ToASignedQuery_IsSigned()
    {
        var key = TsigTestKeys.Key();
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Version(1)));
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 53), TransferMembers.All, key)]);
        await using var server = new TransferTestServer(zones, access, TsigTestKeys.Ring(key));
        var attempt = await Client().TransferAsync(server.EndPoint, Origin, null, key, CancellationToken.None);
        Assert.False(attempt.Succeeded);
        // The REFUSED came signed and verified: the reader reports the rcode, not a TSIG failure.
        Assert.Equal("the primary answered REFUSED", attempt.Error);
    }

    [Fact]
    public async Task SignedQuery_ToAKeylessEntry_IsServedAndSigned()
    {
        var key = TsigTestKeys.Key();
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Large(2000)));
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, null)]);
        await using var server = new TransferTestServer(zones, access, TsigTestKeys.Ring(key));
        var attempt = await Client().TransferAsync(server.EndPoint, Origin, null, key, CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.True(attempt.Messages > 1);
    }

    [Fact]
    public async Task Ixfr_ToOurOwnClient_IsAppliedToTheSameZone()
    {
        var served = TransferZones.Served(TransferZones.Version(1))
            .Next(TransferZones.Version(1, "a IN A 127.0.0.1"))
            .Next(TransferZones.Version(1, "a IN A 127.0.0.2", "b IN TXT \"b\""));
        var zones = new FakeZoneSource();
        zones.Set(served);
        await using var server = new TransferTestServer(zones, new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, null)]));
        var attempt = await Client().TransferAsync(server.EndPoint, Origin, TransferZones.Version(1), null, CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Equal(TransferKind.Incremental, attempt.Content!.Kind);
        var applied = IxfrApplier.Apply(TransferZones.Version(1), attempt.Content.Steps, "test");
        Assert.Equal(Secondary.IxfrApplierTests.Lines(served.Zone), Secondary.IxfrApplierTests.Lines(applied.Zone!));
    }
}
