using HealthProbe.Probes;
using HealthProbe.State;

namespace HealthProbe.Tests.State;

/// <summary>
/// The tracker's scheduling decision: definitive evidence that points away from the state is confirmed at
/// once, ambiguous evidence after the recheck delay, agreeing results after the interval; the counts that
/// change the state stay Rise and Fall whatever the evidence.
/// </summary>
public sealed class RiseFallTrackerEvidenceTests
{
    [Theory]
    [InlineData(HealthState.Unknown)]
    [InlineData(HealthState.Up)]
    public void DefinitiveFailure_WhileServed_IsConfirmedAtOnce(HealthState state)
    {
        var tracker = new RiseFallTracker(2, 2, state);
        tracker.Observe(false);
        Assert.Equal(NextProbe.AtOnce, tracker.Next(false, Evidence.Definitive));
    }

    [Theory]
    [InlineData(HealthState.Unknown)]
    [InlineData(HealthState.Up)]
    public void AmbiguousFailure_WhileServed_WaitsTheRecheck(HealthState state)
    {
        var tracker = new RiseFallTracker(2, 2, state);
        tracker.Observe(false);
        Assert.Equal(NextProbe.AfterRecheck, tracker.Next(false, Evidence.Ambiguous));
    }

    [Fact]
    public void Success_WhileDown_IsConfirmedAtOnce()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Down);
        tracker.Observe(true);
        Assert.Equal(NextProbe.AtOnce, tracker.Next(true, Evidence.Definitive));
    }

    [Theory]
    [InlineData(HealthState.Unknown, true, Evidence.Definitive)]
    [InlineData(HealthState.Up, true, Evidence.Definitive)]
    [InlineData(HealthState.Down, false, Evidence.Definitive)]
    [InlineData(HealthState.Down, false, Evidence.Ambiguous)]
    public void AgreeingResult_WaitsTheInterval(HealthState state, bool success, Evidence evidence)
    {
        var tracker = new RiseFallTracker(2, 2, state);
        tracker.Observe(success);
        Assert.Equal(NextProbe.AfterInterval, tracker.Next(success, evidence));
    }

    [Fact]
    public void ResultThatCompletesFall_IsNotConfirmedAgain()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Up);
        tracker.Observe(false);
        Assert.Equal(HealthState.Down, tracker.Observe(false));
        Assert.Equal(NextProbe.AfterInterval, tracker.Next(false, Evidence.Definitive));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void DefinitiveFailures_StillTakeFall_ToChangeTheState(int fall)
    {
        var tracker = new RiseFallTracker(2, fall, HealthState.Up);
        for (int i = 1; i < fall; i++)
        {
            Assert.Null(tracker.Observe(false));
            Assert.Equal(NextProbe.AtOnce, tracker.Next(false, Evidence.Definitive));
        }
        Assert.Equal(HealthState.Down, tracker.Observe(false));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void DefinitiveSuccesses_StillTakeRise_ToBringItBack(int rise)
    {
        var tracker = new RiseFallTracker(rise, 2, HealthState.Down);
        for (int i = 1; i < rise; i++)
        {
            Assert.Null(tracker.Observe(true));
            Assert.Equal(NextProbe.AtOnce, tracker.Next(true, Evidence.Definitive));
        }
        Assert.Equal(HealthState.Up, tracker.Observe(true));
    }

    [Fact]
    public void AlternatingRefusedAndAccepted_WhileUp_NeverChangesTheState_AndNeverProbesInATightLoop()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Up);
        for (int i = 0; i < 200; i++)
        {
            bool success = i % 2 == 1;
            Assert.Null(tracker.Observe(success));
            // A refusal is confirmed at once; the acceptance that dismisses it sends the loop back to the interval.
            Assert.Equal(success ? NextProbe.AfterInterval : NextProbe.AtOnce, tracker.Next(success, Evidence.Definitive));
        }
        Assert.Equal(HealthState.Up, tracker.State);
    }

    [Fact]
    public void AlternatingAcceptedAndRefused_WhileDown_NeverBringsItBack()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Down);
        for (int i = 0; i < 200; i++)
        {
            bool success = i % 2 == 0;
            Assert.Null(tracker.Observe(success));
            Assert.Equal(success ? NextProbe.AtOnce : NextProbe.AfterInterval, tracker.Next(success, Evidence.Definitive));
        }
        Assert.Equal(HealthState.Down, tracker.State);
    }

    [Fact]
    public void OneFailureOfEitherKind_BetweenSuccesses_NeverChangesTheState()
    {
        var tracker = new RiseFallTracker(2, 2, HealthState.Up);
        foreach (var evidence in new[] { Evidence.Definitive, Evidence.Ambiguous, Evidence.Definitive, Evidence.Ambiguous })
        {
            Assert.Null(tracker.Observe(false));
            Assert.NotEqual(NextProbe.AfterInterval, tracker.Next(false, evidence));
            Assert.Null(tracker.Observe(true));
        }
        Assert.Equal(HealthState.Up, tracker.State);
    }
}
