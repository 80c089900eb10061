using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>A whole refresh: SOA check, transfer, checks, the copy saved; primaries that fail passed over; broken transfers leave the last good copy.</summary>
public sealed class SecondaryRefresherTests : IDisposable
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private readonly ZoneDirectory _directory = new();

    private SavedZones Saved => new(_directory.Path);

    private SecondaryRefresher Refresher(TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var limits = new TransferClientLimits(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        return new SecondaryRefresher(new TransferClient(clock, limits), new SoaQueryClient(clock, limits), Saved, clock, NullLogger<SecondaryRefresher>.Instance);
    }

    private static SecondaryZone Zone(TsigKey? key, params IPEndPoint[] primaries) => new(Origin, primaries, key);

    [Fact]
    public async Task Refresh_FromKnotWithTsig_TransfersSavesAndThenFindsItCurrent()
    {
        using var knot = new KnotPrimary(tsig: true, journal: true);
        var zone = Zone(TsigTestKeys.Key(name: "transfer-key"), knot.EndPoint);
        var first = await Refresher().RefreshAsync(zone, null, CancellationToken.None);
        Assert.True(first.Result == RefreshResult.Updated, first.Error);
        Assert.Equal(1u, first.Zone!.Serial);
        Assert.True(File.Exists(Saved.PathOf(Origin)));

        var again = await Refresher().RefreshAsync(zone, first.Zone, CancellationToken.None);
        Assert.Equal(RefreshResult.UpToDate, again.Result);
        Assert.Same(first.Zone, again.Zone);

        knot.Edit(2, "added IN A 127.0.0.77");
        var second = await Refresher().RefreshAsync(zone, first.Zone, CancellationToken.None);
        Assert.True(second.Result == RefreshResult.Updated, second.Error);
        Assert.Equal(2u, second.Zone!.Serial);
        Assert.NotNull(second.Zone.GetNode(DnsName.Parse("added.example.com.")));
        var reloaded = Saved.Load(Origin, out var errors, out _);
        Assert.True(reloaded is not null, string.Join("\n", errors));
        Assert.Equal(IxfrApplierTests.Lines(second.Zone), IxfrApplierTests.Lines(reloaded));
    }

    [Fact]
    public async Task Refresh_FirstPrimaryDown_UsesTheNext()
    {
        using var knot = new KnotPrimary();
        var dead = new IPEndPoint(IPAddress.Loopback, FreePort.Find());
        var outcome = await Refresher().RefreshAsync(Zone(null, dead, knot.EndPoint), null, CancellationToken.None);
        Assert.True(outcome.Result == RefreshResult.Updated, outcome.Error);
        Assert.Equal(knot.EndPoint, outcome.Primary);
    }

    [Fact]
    public async Task Refresh_WrongKey_FailsAndKeepsTheCopyHeld()
    {
        using var knot = new KnotPrimary(tsig: true, serial: 3);
        var held = TransferZones.Version(2);
        var wrong = TsigTestKeys.Key(name: "transfer-key", secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l");
        var outcome = await Refresher().RefreshAsync(Zone(wrong, knot.EndPoint), held, CancellationToken.None);
        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Same(held, outcome.Zone);
        Assert.Contains("BadSig", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Saved.PathOf(Origin)));
    }

    [Theory]
    [InlineData("cut", "ended before the final SOA")]
    [InlineData("no final SOA", "before the final SOA")]
    [InlineData("wrong zone", "outside the zone")]
    [InlineData("bad message", "malformed")]
    [InlineData("bad tsig", "TSIG check failed: BadSig")]
    public async Task Refresh_BrokenTransfer_IsRejectedWholeAndTheLastGoodCopyStays(string breakage, string error)
    {
        var key = breakage == "bad tsig" ? TsigTestKeys.Key() : null;
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Large(3000, serial: 9)));
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, key)]);
        await using var primary = new TransferTestServer(zones, access, key is null ? null : TsigTestKeys.Ring(key));
        var held = TransferZones.Version(2);
        await Saved.SaveAsync(held, "the last good copy", CancellationToken.None);
        var before = File.ReadAllText(Saved.PathOf(Origin));
        primary.Tamper = (message, index) => BrokenTransfer.Break(breakage, message, index);

        var outcome = await Refresher().RefreshAsync(Zone(key, primary.EndPoint), held, CancellationToken.None);

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Contains("IXFR", outcome.Error, StringComparison.Ordinal); // the SOA check passed: the transfer itself failed
        Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        Assert.Same(held, outcome.Zone);
        Assert.Equal(before, File.ReadAllText(Saved.PathOf(Origin)));
    }

    [Fact]
    public async Task Refresh_FromOurOwnPrimary_TransfersIncrementally()
    {
        var zones = new FakeZoneSource();
        var served = TransferZones.Served(TransferZones.Version(1));
        zones.Set(served);
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, null)]);
        await using var primary = new TransferTestServer(zones, access);
        var zone = Zone(null, primary.EndPoint);
        var first = await Refresher().RefreshAsync(zone, null, CancellationToken.None);
        Assert.True(first.Result == RefreshResult.Updated, first.Error);

        zones.Set(served.Next(TransferZones.Version(1, "new IN A 127.0.0.60")));
        var second = await Refresher().RefreshAsync(zone, first.Zone, CancellationToken.None);
        Assert.True(second.Result == RefreshResult.Updated, second.Error);
        Assert.Equal(2u, second.Zone!.Serial);
        await primary.OutcomeAsync(TransferResult.Incremental);
    }

    public void Dispose() => _directory.Dispose();
}
