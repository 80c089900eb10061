using DnsLb.Status.Metrics;

namespace DnsLb.Tests.Status.Metrics;

/// <summary>Per-thread cells add up to every add of every thread, ended threads included, and a sum never goes back.</summary>
public sealed class PerThreadCellsTests
{
    [Fact]
    public void Sum_OfManyThreads_IsEveryAdd()
    {
        var cells = new PerThreadCells(3);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                cells.Add(0, 1);
                cells.Add(2, t);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal([800_000, 0, 100_000L * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7)], cells.Sum());
    }

    [Fact]
    public void Sum_AfterThreadsEnded_KeepsTheirCounts_AndLetsTheirCellsGo()
    {
        var cells = new PerThreadCells(1);
        for (int round = 1; round <= 3; round++)
        {
            var thread = new Thread(() => cells.Add(0, 5));
            thread.Start();
            thread.Join();
            Assert.Equal(5 * round, cells.Sum()[0]);
            Assert.Equal(0, cells.ThreadCopies);
        }
        cells.Add(0, 1);
        Assert.Equal(16, cells.Sum()[0]);
        Assert.Equal(1, cells.ThreadCopies);
    }

    [Fact]
    public async Task Sum_WhileThreadsCount_NeverGoesBack()
    {
        var cells = new PerThreadCells(1);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                cells.Add(0, 1);
        })).ToArray();
        long previous = 0;
        for (int i = 0; i < 2000; i++)
        {
            long sum = cells.Sum()[0];
            Assert.True(sum >= previous, $"{sum} after {previous}");
            previous = sum;
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);
    }

    [Fact]
    public void Instances_CountApart_OnTheSameThread()
    {
        var a = new PerThreadCells(2);
        var b = new PerThreadCells(2);
        a.Add(1, 7);
        b.Add(1, 3);
        Assert.Equal([0, 7], a.Sum());
        Assert.Equal([0, 3], b.Sum());
    }
}
