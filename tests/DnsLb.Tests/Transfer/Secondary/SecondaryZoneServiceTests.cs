using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transfer;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>
/// The loop that keeps secondary zones current, on a fake clock against a loopback primary: transfer at start,
/// NOTIFY, the refresh timer, expiry without contact, and a restart without the primary served from disk.
/// </summary>
public sealed class SecondaryZoneServiceTests : IAsyncDisposable
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private readonly ZoneDirectory _directory = new();
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);
    private readonly RecordingPublisher _publisher = new();
    private readonly FakeZoneSource _zones = new();
    private readonly TransferTestServer _primary;
    private ServedZone _served = TransferZones.Served(TransferZones.Version(1));

    public SecondaryZoneServiceTests()
    {
        _zones.Set(_served);
        _primary = new TransferTestServer(_zones, new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, null)]));
    }

    private SecondaryZoneService Service(params IPEndPoint[] primaries)
    {
        // Network waits run on real time: the fake clock only drives the SOA timers.
        var limits = new TransferClientLimits(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        var saved = new SavedZones(_directory.Path);
        var refresher = new SecondaryRefresher(new TransferClient(TimeProvider.System, limits), new SoaQueryClient(TimeProvider.System, limits), saved, _clock,
            NullLogger<SecondaryRefresher>.Instance);
        var zone = new SecondaryZone(Origin, primaries.Length > 0 ? primaries : [_primary.EndPoint], null);
        return new SecondaryZoneService([zone], refresher, saved, _publisher, _clock, NullLogger<SecondaryZoneService>.Instance);
    }

    private void Change(params string[] extra)
    {
        _served = _served.Next(TransferZones.Version(1, extra));
        _zones.Set(_served);
    }

    /// <summary>Waits until the loop sits in its wait (its timer set on the fake clock), so moving the clock reaches it.</summary>
    private Task Waiting() => Eventually.True(() => _clock.PendingTimers > 0, "the loop waits for its next check");

    [Fact]
    public async Task Start_WithoutACopy_TransfersAndPublishesAtOnce()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => _publisher.Serial("example.com.") == 1, "serial 1 published");
        Assert.True(File.Exists(new SavedZones(_directory.Path).PathOf(Origin)));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Notify_ChangeOnThePrimary_IsPublishedWithoutWaitingForTheTimer()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => _publisher.Serial("example.com.") == 1, "serial 1 published");
        await Waiting();
        Change("new IN A 127.0.0.50");
        Assert.True(service.RequestRefresh(Origin));
        await Eventually.True(() => _publisher.Serial("example.com.") == 2, "serial 2 published after NOTIFY");
        await _primary.OutcomeAsync(TransferResult.Incremental);
        Assert.False(service.RequestRefresh(DnsName.Parse("example.org.")));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RefreshTimer_BringsTheChangeAfterRefreshSeconds()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => _publisher.Serial("example.com.") == 1, "serial 1 published");
        await Waiting();
        Change("new IN A 127.0.0.50");
        _clock.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(1u, _publisher.Serial("example.com."));
        _clock.Advance(TimeSpan.FromSeconds(1)); // SOA REFRESH is 3600
        await Eventually.True(() => _publisher.Serial("example.com.") == 2, "serial 2 published at REFRESH");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PrimaryFailing_ZoneServedUntilExpireThenWithdrawn_AndBackWhenThePrimaryAnswers()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => _publisher.Serial("example.com.") == 1, "serial 1 published");
        await Waiting();
        _zones.Clear(); // the primary answers, but with errors: no contact
        _clock.Advance(TimeSpan.FromHours(1)); // REFRESH: the check fails, RETRY every 10 minutes from now on
        await Waiting();
        _clock.Advance(TimeSpan.FromHours(22));
        await Waiting();
        Assert.Equal(1u, _publisher.Serial("example.com.")); // still served: 23 h without contact, EXPIRE is 24 h
        _clock.Advance(TimeSpan.FromHours(1));
        await Eventually.True(() => _publisher.Serial("example.com.") is null, "withdrawn at EXPIRE");
        Assert.Equal("withdraw example.com.", _publisher.Events[^1]);

        await Waiting();
        _zones.Set(_served);
        _clock.Advance(TimeSpan.FromMinutes(10)); // the next RETRY reaches the primary again
        await Eventually.True(() => _publisher.Serial("example.com.") == 1, "served again");
        Assert.Equal(["publish example.com. 1", "withdraw example.com.", "publish example.com. 1"], _publisher.Events);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Restart_WithoutThePrimary_ServesTheSavedCopy()
    {
        using (var first = Service())
        {
            await first.StartAsync(CancellationToken.None);
            await Eventually.True(() => _publisher.Serial("example.com.") == 1, "serial 1 published");
            await first.StopAsync(CancellationToken.None);
        }
        var restarted = new RecordingPublisher();
        var dead = new IPEndPoint(IPAddress.Loopback, FreePort.Find());
        var limits = new TransferClientLimits(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        var saved = new SavedZones(_directory.Path);
        var refresher = new SecondaryRefresher(new TransferClient(TimeProvider.System, limits), new SoaQueryClient(TimeProvider.System, limits), saved, _clock,
            NullLogger<SecondaryRefresher>.Instance);
        using var service = new SecondaryZoneService([new SecondaryZone(Origin, [dead], null)], refresher, saved, restarted, _clock, NullLogger<SecondaryZoneService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => restarted.Serial("example.com.") == 1, "the saved copy is served");
        Assert.NotNull(restarted.Served("example.com.")!.GetNode(DnsName.Parse("twopir.example.com.")));
        await service.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _primary.DisposeAsync();
        _directory.Dispose();
    }
}
