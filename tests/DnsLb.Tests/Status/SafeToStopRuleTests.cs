using DnsLb.Status;

namespace DnsLb.Tests.Status;

/// <summary>Safe to stop: the TTL plus a second after leaving the answers, and only while another member is up.</summary>
public sealed class SafeToStopRuleTests
{
    private static readonly DateTimeOffset Left = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, false)]
    [InlineData(5.999, false)]
    [InlineData(6, true)]
    [InlineData(600, true)]
    public void Holds_OnceTheTtlAndASecondHavePassed(double secondsLater, bool safe) =>
        Assert.Equal(safe, SafeToStopRule.Holds(Left, ttlSeconds: 5, anotherMemberUp: true, Left.AddSeconds(secondsLater)));

    [Fact]
    public void Holds_Never_WhileNoOtherMemberIsUp() =>
        Assert.False(SafeToStopRule.Holds(Left, 5, anotherMemberUp: false, Left.AddHours(1)));

    [Fact]
    public void Holds_Never_WhileTheMemberIsAnswered()
    {
        Assert.False(SafeToStopRule.Holds(null, 5, anotherMemberUp: true, Left.AddHours(1)));
        Assert.Null(SafeToStopRule.SafeFrom(null, 5));
    }
}
