using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Secondary;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>The SOA timers of a secondary zone (RFC 1035 §4.3.5, RFC 1996 §4) as a pure state machine, driven by a fake clock.</summary>
public sealed class RefreshScheduleTests
{
    private static readonly SoaData Soa = new(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), 1,
        refresh: 3600, retry: 600, expire: 86400, minimum: 60);

    private readonly FakeClock _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private void Wait(TimeSpan span) => _clock.Advance(span);

    [Fact]
    public void Empty_IsDueAtOnceAndNotServable()
    {
        var schedule = RefreshSchedule.Empty(Now);
        Assert.True(schedule.IsDue(Now));
        Assert.False(schedule.IsServable(Now));
        Assert.Null(schedule.ExpiresAt);
    }

    [Fact]
    public void Empty_Failing_RetriesAfterTheDefaultRetry()
    {
        var schedule = RefreshSchedule.Empty(Now).Failed(Now);
        Assert.Equal(RefreshSchedule.RetryWithoutZone, schedule.Until(Now));
        Assert.Equal(1, schedule.Failures);
    }

    [Fact]
    public void Contacted_AsksAgainAfterRefresh()
    {
        var schedule = RefreshSchedule.Empty(Now).Contacted(Soa, Now);
        Assert.False(schedule.IsDue(Now));
        Wait(TimeSpan.FromSeconds(3599));
        Assert.False(schedule.IsDue(Now));
        Wait(TimeSpan.FromSeconds(1));
        Assert.True(schedule.IsDue(Now));
        Assert.True(schedule.IsServable(Now));
    }

    [Fact]
    public void Failing_RetriesAfterRetry_AndExpiresAfterExpireWithoutContact()
    {
        var start = Now;
        var schedule = RefreshSchedule.Empty(Now).Contacted(Soa, Now);
        Wait(TimeSpan.FromHours(1));
        schedule = schedule.Failed(Now);
        Assert.Equal(TimeSpan.FromMinutes(10), schedule.Until(Now));
        while (Now < start + TimeSpan.FromSeconds(86400) - TimeSpan.FromMinutes(10))
        {
            Wait(schedule.Until(Now));
            Assert.True(schedule.IsServable(Now));
            schedule = schedule.Failed(Now);
        }
        Assert.Equal(start + TimeSpan.FromDays(1), schedule.ExpiresAt);
        Wait(start + TimeSpan.FromDays(1) - Now);
        Assert.False(schedule.IsServable(Now)); // expired: stop serving, keep asking at RETRY
        Assert.Equal(TimeSpan.FromMinutes(10), schedule.Failed(Now).Until(Now));
    }

    [Fact]
    public void ContactAfterExpiry_ServesAgain()
    {
        var schedule = RefreshSchedule.Empty(Now).Contacted(Soa, Now);
        Wait(TimeSpan.FromDays(2));
        Assert.False(schedule.IsServable(Now));
        schedule = schedule.Contacted(Soa, Now);
        Assert.True(schedule.IsServable(Now));
        Assert.Equal(0, schedule.Failures);
    }

    [Fact]
    public void Notified_MakesTheCheckDueNow()
    {
        var schedule = RefreshSchedule.Empty(Now).Contacted(Soa, Now);
        Wait(TimeSpan.FromMinutes(5));
        schedule = schedule.Notified(Now);
        Assert.True(schedule.IsDue(Now));
        Assert.True(schedule.IsServable(Now)); // a NOTIFY is no contact: the expiry stays where it was
        Assert.Equal(schedule.LastContact! + TimeSpan.FromDays(1), schedule.ExpiresAt);
    }

    [Fact]
    public void Saved_ExpiresCountingFromTheSavedTime()
    {
        var savedAt = Now - TimeSpan.FromHours(20);
        var schedule = RefreshSchedule.Saved(Soa, savedAt, Now);
        Assert.True(schedule.IsDue(Now));
        Assert.True(schedule.IsServable(Now));
        Wait(TimeSpan.FromHours(4));
        Assert.False(schedule.IsServable(Now));
    }

    [Fact]
    public void Saved_LongExpired_IsNotServed() =>
        Assert.False(RefreshSchedule.Saved(Soa, Now - TimeSpan.FromDays(3), Now).IsServable(Now));

    [Theory]
    [InlineData(0u, 2)]            // a zero refresh cannot spin
    [InlineData(1u, 2)]
    [InlineData(10u, 10)]
    [InlineData(4000000000u, 86400)] // and a huge one waits at most a day
    public void Intervals_AreBounded(uint refresh, int expectedSeconds)
    {
        var soa = new SoaData(Soa.Primary, Soa.Mailbox, 1, refresh, refresh, 86400, 60);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RefreshSchedule.Empty(Now).Contacted(soa, Now).Until(Now));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RefreshSchedule.Empty(Now).Contacted(soa, Now).Failed(Now).Until(Now));
    }
}
