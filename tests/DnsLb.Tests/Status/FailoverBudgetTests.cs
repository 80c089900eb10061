using DnsLb.Status;

namespace DnsLb.Tests.Status;

/// <summary>
/// The failover budget follows the probe loop for a node that goes silent just after a good probe: the
/// next probe after the interval plus 10% jitter, failures at the timeout, confirming probes at the recheck
/// delay (started beside a probe that hangs past it), then the TTL.
/// </summary>
public sealed class FailoverBudgetTests
{
    [Fact]
    public void For_TheDefaults_IsIntervalWithJitter_PlusRecheckAndTimeout_PlusTtl()
    {
        // Next probe at 1.1 s; it hangs, so at 0.25 s a confirming probe starts beside it; that one fails at
        // 0.25 + 1 s: the second failure. Then a 5 s TTL.
        var budget = FailoverBudget.For(new ProbeTiming(1000, 1000, 250, 2, 2), 5);
        Assert.Equal(new FailoverBudget(1.1, 1.25, 5, 7.35, false), budget);
        Assert.Equal(2.35, budget.DetectionSeconds, 9);
    }

    [Fact]
    public void For_FallOne_IsTheFirstTimeout()
    {
        var budget = FailoverBudget.For(new ProbeTiming(2000, 500, 250, 2, 1), 0);
        Assert.Equal((2.2, 0.5, 2.7), (budget.NextProbeSeconds, budget.ConfirmSeconds, budget.TotalSeconds));
    }

    [Fact]
    public void For_FallThree_WaitsARecheckAfterTheFirstPair()
    {
        // Two failures in the first round (0.25 + 1 s), a recheck wait (0.25 s), the third at its timeout (1 s).
        Assert.Equal(2.5, FailoverBudget.For(new ProbeTiming(1000, 1000, 250, 2, 3), 5).ConfirmSeconds);
    }

    [Fact]
    public void For_RecheckNotShorterThanTimeout_ProbesOneAfterAnother()
    {
        // No confirming probe beside a hanging one: timeout, recheck wait, timeout, recheck wait, timeout.
        Assert.Equal(2.0, FailoverBudget.For(new ProbeTiming(1000, 400, 400, 2, 3), 5).ConfirmSeconds);
    }

    [Theory]
    [InlineData(22, false)] // 2.35 + 22 = 24.35
    [InlineData(28, true)]  // 30.35
    [InlineData(300, true)]
    public void For_ALongTotal_IsFlagged(int ttl, bool isLong) =>
        Assert.Equal(isLong, FailoverBudget.For(new ProbeTiming(1000, 1000, 250, 2, 2), ttl).IsLong);
}
