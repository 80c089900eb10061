using DnsLb.Serving;

namespace DnsLb.Tests.Serving;

/// <summary>The wait between seeing a file change and reloading: one delay after the last change of a burst, capped.</summary>
public sealed class SettleTimeTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(1);

    private static TimeSpan Ms(int value) => TimeSpan.FromMilliseconds(value);

    [Fact]
    public void Remaining_RightAfterABurst_IsTheDelay() => Assert.Equal(Delay, SettleTime.Remaining(Ms(0), Ms(0), Delay, Max));

    [Fact]
    public void Remaining_ADelayAfterTheLastChangeOfABurst_IsZero_HoweverManyChangesTheBurstHad() =>
        Assert.Equal(TimeSpan.Zero, SettleTime.Remaining(Ms(200), Ms(201), Delay, Max));

    [Fact]
    public void Remaining_AfterALaterChange_CountsFromThatChange() => Assert.Equal(Ms(150), SettleTime.Remaining(Ms(50), Ms(180), Delay, Max));

    [Fact]
    public void Remaining_WhileChangesNeverStop_EndsAtTheCap() => Assert.Equal(Ms(30), SettleTime.Remaining(Ms(10), Ms(970), Delay, Max));

    [Fact]
    public void Remaining_PastTheCap_IsZero() => Assert.Equal(TimeSpan.Zero, SettleTime.Remaining(Ms(0), Ms(1000), Delay, Max));

    [Fact]
    public void Remaining_WithNoDelay_IsZero() => Assert.Equal(TimeSpan.Zero, SettleTime.Remaining(Ms(0), Ms(0), TimeSpan.Zero, Max));
}
