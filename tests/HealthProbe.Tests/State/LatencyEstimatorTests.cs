using HealthProbe.State;

namespace HealthProbe.Tests.State;

/// <summary>The learned deadline (RFC 6298's estimator with a margin floor), pure: no clock, no I/O.</summary>
public sealed class LatencyEstimatorTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1000);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static LatencyEstimator Learned(double ms, int samples = 50)
    {
        var estimator = new LatencyEstimator(Margin, Timeout);
        for (int i = 0; i < samples; i++)
            estimator.Sample(Ms(ms));
        return estimator;
    }

    [Fact]
    public void NothingLearned_GivesTheWholeTimeout()
    {
        var estimator = new LatencyEstimator(Margin, Timeout);
        Assert.False(estimator.HasSamples);
        Assert.Equal(Timeout, estimator.Deadline);
    }

    [Fact]
    public void FirstSample_SetsSmoothedLatency_AndHalfOfItAsVariation()
    {
        var estimator = new LatencyEstimator(Margin, Timeout);
        estimator.Sample(Ms(100));
        Assert.Equal(Ms(100), estimator.Smoothed);
        Assert.Equal(Ms(50), estimator.Variation);
        Assert.Equal(Ms(350), estimator.Deadline); // 100 + max(4 × 50, 250)
    }

    [Fact]
    public void LaterSamples_FollowRfc6298()
    {
        var estimator = new LatencyEstimator(Margin, Timeout);
        estimator.Sample(Ms(100));
        estimator.Sample(Ms(180));
        // RTTVAR = 3/4 × 50 + 1/4 × |100 − 180| = 57.5; SRTT = 7/8 × 100 + 1/8 × 180 = 110
        Assert.Equal(Ms(57.5), estimator.Variation);
        Assert.Equal(Ms(110), estimator.Smoothed);
        Assert.Equal(Ms(110 + 250), estimator.Deadline); // 4 × 57.5 = 230 is under the margin
    }

    [Fact]
    public void FastSteadyNode_GetsItsLatencyPlusTheMargin()
    {
        var estimator = Learned(2);
        Assert.InRange(estimator.Deadline, Ms(252), Ms(253));
    }

    [Fact]
    public void NodeThatVaries_GetsFourVariationsBeyondItsLatency_WhenThatIsMoreThanTheMargin()
    {
        var estimator = new LatencyEstimator(Margin, Timeout);
        for (int i = 0; i < 50; i++)
            estimator.Sample(Ms(i % 2 == 0 ? 100 : 300));
        Assert.True(estimator.Variation > Ms(250.0 / 4), $"variation {estimator.Variation}");
        Assert.Equal((estimator.Smoothed + (4 * estimator.Variation)).TotalMilliseconds, estimator.Deadline.TotalMilliseconds, tolerance: 0.001);
        Assert.True(estimator.Deadline > Ms(300), $"deadline {estimator.Deadline} is above the slowest answer");
    }

    [Fact]
    public void SlowSteadyNode_AtEightyPercentOfTheTimeout_GetsTheWholeTimeout()
    {
        var estimator = Learned(800);
        Assert.Equal(Timeout, estimator.Deadline); // 800 + 250 is capped at 1000: its answers are always in time
    }

    [Fact]
    public void EachLateProbe_DoublesTheDeadline_UpToTheTimeout()
    {
        var estimator = Learned(0);
        Assert.Equal(Ms(250), estimator.Deadline);
        estimator.Late();
        Assert.Equal(Ms(500), estimator.Deadline);
        estimator.Late();
        Assert.Equal(Timeout, estimator.Deadline);
        for (int i = 0; i < 100; i++)
            estimator.Late();
        Assert.Equal(Timeout, estimator.Deadline);
    }

    [Fact]
    public void AnAnswer_EndsTheBackoff()
    {
        var estimator = Learned(0);
        estimator.Late();
        estimator.Late();
        estimator.Sample(Ms(0));
        Assert.Equal(Ms(250), estimator.Deadline);
    }

    [Fact]
    public void NodeThatTurnsSlow_RaisesItsDeadline_FromOneAnswer()
    {
        var estimator = Learned(2);
        estimator.Sample(Ms(800));
        // RTTVAR jumps by a quarter of the 798 ms surprise: four of them are already past 800 ms.
        Assert.True(estimator.Deadline > Ms(800), $"deadline {estimator.Deadline}");
    }

    [Fact]
    public void Arguments_OutOfRange_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyEstimator(Ms(-1), Timeout));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyEstimator(Margin, TimeSpan.Zero));
    }
}
