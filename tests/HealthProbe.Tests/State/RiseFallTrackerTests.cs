using HealthProbe.State;

namespace HealthProbe.Tests.State;

public sealed class RiseFallTrackerTests
{
    [Fact]
    public void NewTracker_IsUnknown() => Assert.Equal(HealthState.Unknown, new RiseFallTracker(2, 2).State);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Unknown_BecomesUp_AfterRiseSuccesses_NotBefore(int rise)
    {
        var tracker = new RiseFallTracker(rise, 3);
        for (int i = 1; i < rise; i++)
            Assert.Null(tracker.Observe(true));
        Assert.Equal(HealthState.Up, tracker.Observe(true));
        Assert.Equal(HealthState.Up, tracker.State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Unknown_BecomesDown_AfterFallFailures_NotBefore(int fall)
    {
        var tracker = new RiseFallTracker(3, fall);
        for (int i = 1; i < fall; i++)
            Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Fact]
    public void Up_BecomesDown_AfterFallConsecutiveFailures()
    {
        var tracker = Up(rise: 2, fall: 2);
        Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Fact]
    public void Down_BecomesUp_AfterRiseConsecutiveSuccesses()
    {
        var tracker = Up(rise: 3, fall: 1);
        Assert.Equal(HealthState.Down, tracker.Observe(false));
        Assert.Null(tracker.Observe(true));
        Assert.Null(tracker.Observe(true));
        Assert.Equal(HealthState.Up, tracker.Observe(true));
    }

    [Fact]
    public void SameResultAgain_ReportsNoChange()
    {
        var tracker = Up(rise: 1, fall: 1);
        Assert.Null(tracker.Observe(true));
        Assert.Equal(HealthState.Down, tracker.Observe(false));
        Assert.Null(tracker.Observe(false));
    }

    [Fact]
    public void FlappingInput_WhileUp_NeverFlapsTheState()
    {
        var tracker = Up(rise: 2, fall: 2);
        for (int i = 0; i < 100; i++)
            Assert.Null(tracker.Observe(i % 2 == 0));
        Assert.Equal(HealthState.Up, tracker.State);
    }

    [Fact]
    public void FlappingInput_WhileDown_NeverBringsItBack()
    {
        var tracker = new RiseFallTracker(2, 2);
        tracker.Observe(false);
        tracker.Observe(false);
        for (int i = 0; i < 100; i++)
            Assert.Null(tracker.Observe(i % 2 == 1));
        Assert.Equal(HealthState.Down, tracker.State);
    }

    [Fact]
    public void ASuccess_ResetsTheFailureCount()
    {
        var tracker = Up(rise: 1, fall: 3);
        tracker.Observe(false);
        tracker.Observe(false);
        tracker.Observe(true);
        Assert.Null(tracker.Observe(false));
        Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Fact]
    public void Disagrees_IsTrueOnlyForResultsThatPointAwayFromTheState()
    {
        var tracker = new RiseFallTracker(1, 1);
        Assert.True(tracker.Disagrees(false));  // Unknown counts as serving: a failure disagrees
        Assert.False(tracker.Disagrees(true));
        tracker.Observe(false);
        Assert.True(tracker.Disagrees(true));
        Assert.False(tracker.Disagrees(false));
    }

    [Fact]
    public void SeededDown_StaysDown_AfterFailures_AndNeedsRiseSuccesses()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Down);
        Assert.Equal(HealthState.Down, tracker.State);
        Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Down, tracker.State);
        Assert.Null(tracker.Observe(true));
        Assert.Equal(HealthState.Down, tracker.State);
        Assert.Equal(HealthState.Up, tracker.Observe(true));
    }

    [Fact]
    public void SeededUp_StaysUp_UntilFallFailures()
    {
        var tracker = new RiseFallTracker(2, 3, HealthState.Up);
        Assert.Null(tracker.Observe(true));
        Assert.Null(tracker.Observe(false));
        Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Up, tracker.State);
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Fact]
    public void SeededUnknown_BehavesAsANewTracker()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Unknown);
        Assert.Null(tracker.Observe(false));
        Assert.Equal(HealthState.Unknown, tracker.State);
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Fact]
    public void Seed_ThatIsNotAState_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiseFallTracker(2, 2, (HealthState)7));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Thresholds_BelowOne_AreRejected(int rise, int fall) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiseFallTracker(rise, fall));

    private static RiseFallTracker Up(int rise, int fall)
    {
        var tracker = new RiseFallTracker(rise, fall);
        for (int i = 0; i < rise; i++)
            tracker.Observe(true);
        Assert.Equal(HealthState.Up, tracker.State);
        return tracker;
    }
}
