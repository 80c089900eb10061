using HealthProbe.Scheduling;
using HealthProbe.State;

namespace HealthProbe.Tests.Scheduling;

/// <summary>The wait before the next probe, from the tracker's decision: pure, no clock.</summary>
public sealed class ProbeCadenceTests
{
    private static readonly HealthCheckOptions Timing = new() { IntervalMs = 1000, RecheckMs = 250 };

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void AtOnce_WaitsNothing() => Assert.Equal(TimeSpan.Zero, ProbeCadence.Wait(NextProbe.AtOnce, Timing, Ms(1), 0.5));

    [Fact]
    public void AfterRecheck_CountsFromTheStartOfTheProbeBeingConfirmed() =>
        Assert.Equal(Ms(240), ProbeCadence.Wait(NextProbe.AfterRecheck, Timing, Ms(10), 0.5));

    [Theory]
    [InlineData(250)]
    [InlineData(1000)]
    public void AfterRecheck_ProbeThatAlreadyWaitedLonger_IsConfirmedAtOnce(double tookMs) =>
        Assert.Equal(TimeSpan.Zero, ProbeCadence.Wait(NextProbe.AfterRecheck, Timing, Ms(tookMs), 0.5));

    [Theory]
    [InlineData(0.0, 900)]
    [InlineData(0.5, 1000)]
    [InlineData(0.999_999, 1100)]
    public void AfterInterval_IsTheIntervalWithTenPercentJitter(double random, double expectedMs) =>
        Assert.Equal(expectedMs, ProbeCadence.Wait(NextProbe.AfterInterval, Timing, Ms(5), random).TotalMilliseconds, 0.01);
}
