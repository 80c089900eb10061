using DnsLb.Protocol;
using DnsLb.Transfer.Serving;

namespace DnsLb.Tests.Transfer.Serving;

/// <summary>Diffs between versions, the bounded history, served versions and the choice of answer.</summary>
public sealed class ZoneHistoryTests
{
    [Fact]
    public void Diff_ListsRemovedAndAddedRecordsOnly()
    {
        var older = TransferZones.Version(1, "keep IN A 127.0.0.30", "gone IN A 127.0.0.31", "set IN A 127.0.0.40", "set IN A 127.0.0.41");
        var newer = TransferZones.Version(2, "keep IN A 127.0.0.30", "set IN A 127.0.0.41", "set IN A 127.0.0.42", "fresh IN TXT \"hi\"");
        var delta = ZoneDiff.Compute(older, newer);
        Assert.Equal((1u, 2u), (delta.FromSerial, delta.ToSerial));
        Assert.Equal(["gone.example.com. 300 IN A 127.0.0.31", "set.example.com. 300 IN A 127.0.0.40"], delta.Removed.Select(r => r.ToString()).Order());
        Assert.Equal(["fresh.example.com. 300 IN TXT \"hi\"", "set.example.com. 300 IN A 127.0.0.42"], delta.Added.Select(r => r.ToString()).Order());
    }

    [Fact]
    public void Diff_TtlChange_RemovesAndAddsTheWholeSet()
    {
        var older = TransferZones.Version(1, "ttl 60 IN A 127.0.0.30", "ttl 60 IN A 127.0.0.31");
        var newer = TransferZones.Version(2, "ttl 120 IN A 127.0.0.30", "ttl 120 IN A 127.0.0.31");
        var delta = ZoneDiff.Compute(older, newer);
        Assert.Equal(2, delta.Removed.Count);
        Assert.All(delta.Removed, r => Assert.Equal(60u, r.Ttl));
        Assert.Equal(2, delta.Added.Count);
        Assert.All(delta.Added, r => Assert.Equal(120u, r.Ttl));
    }

    [Fact]
    public void Diff_OfALargeSet_ComparesByValue()
    {
        var many = Enumerable.Range(1, 200).Select(i => $"pool IN A 127.0.3.{i}").ToArray();
        var older = TransferZones.Version(1, many);
        var newer = TransferZones.Version(2, [.. many.Reverse().Skip(1), "pool IN A 127.0.4.1"]);
        var delta = ZoneDiff.Compute(older, newer);
        Assert.Equal("pool.example.com. 300 IN A 127.0.3.200", Assert.Single(delta.Removed).ToString());
        Assert.Equal("pool.example.com. 300 IN A 127.0.4.1", Assert.Single(delta.Added).ToString());
    }

    [Fact]
    public void Diff_NameCaseOnly_IsNoChange()
    {
        var older = TransferZones.Version(1, "alias IN CNAME Target.example.com.");
        var newer = TransferZones.Version(2, "alias IN CNAME target.example.com.");
        Assert.True(ZoneDiff.Compute(older, newer).IsEmpty);
    }

    [Fact]
    public void History_KeepsAtMostTheVersionLimit()
    {
        var history = new ZoneHistory(new HistoryLimits(3, 1000));
        var previous = TransferZones.Version(1);
        for (uint serial = 2; serial <= 6; serial++)
        {
            var next = TransferZones.Version(serial, $"v{serial} IN A 127.0.0.{serial}");
            history = history.Add(previous, next);
            previous = next;
        }
        Assert.Equal([(3u, 4u), (4u, 5u), (5u, 6u)], history.Steps.Select(s => (s.FromSerial, s.ToSerial)));
        Assert.True(history.TryGetChain(3, 6, out var chain));
        Assert.Equal(3, chain.Count);
        Assert.False(history.TryGetChain(2, 6, out _));
        Assert.False(history.TryGetChain(3, 7, out _));
    }

    [Fact]
    public void History_KeepsAtMostTheRecordLimit()
    {
        var history = new ZoneHistory(new HistoryLimits(100, 10));
        history = history.Add(TransferZones.Version(1), TransferZones.Version(2, "a IN A 127.0.0.1", "b IN A 127.0.0.2", "c IN A 127.0.0.3")); // 5 records
        history = history.Add(TransferZones.Version(2, "a IN A 127.0.0.1", "b IN A 127.0.0.2", "c IN A 127.0.0.3"), TransferZones.Version(3)); // 5 more
        Assert.Equal(2, history.Steps.Count);
        history = history.Add(TransferZones.Version(3), TransferZones.Version(4, "d IN A 127.0.0.4")); // 3 more: the oldest goes
        Assert.Equal([3u, 4u], history.Steps.Select(s => s.ToSerial));
        Assert.Equal(8, history.RecordCount);
    }

    [Fact]
    public void History_SerialGoingBackwards_StartsOver()
    {
        var history = new ZoneHistory(HistoryLimits.Default).Add(TransferZones.Version(1), TransferZones.Version(2, "a IN A 127.0.0.1"));
        Assert.Empty(history.Add(TransferZones.Version(2, "a IN A 127.0.0.1"), TransferZones.Version(1)).Steps);
    }

    [Fact]
    public void History_StepThatDoesNotChain_StartsANewChain()
    {
        var history = new ZoneHistory(HistoryLimits.Default).Add(TransferZones.Version(1), TransferZones.Version(2, "a IN A 127.0.0.1"));
        history = history.Add(ZoneDiff.Compute(TransferZones.Version(7), TransferZones.Version(8, "b IN A 127.0.0.2")));
        Assert.Equal([(7u, 8u)], history.Steps.Select(s => (s.FromSerial, s.ToSerial)));
    }

    [Fact]
    public void Served_EditWithoutSerialChange_GetsTheNextSerial()
    {
        var served = TransferZones.Served(TransferZones.Version(5));
        var next = served.Next(TransferZones.Version(5, "new IN A 127.0.0.50"));
        Assert.Equal(6u, next.Serial);
        Assert.NotNull(next.Zone.GetNode(DnsName.Parse("new.example.com.")));
        var step = Assert.Single(next.History.Steps);
        Assert.Equal((5u, 6u), (step.FromSerial, step.ToSerial));
    }

    [Fact]
    public void Served_RaisedSerial_IsKept()
    {
        var next = TransferZones.Served(TransferZones.Version(5)).Next(TransferZones.Version(9, "new IN A 127.0.0.50"));
        Assert.Equal(9u, next.Serial);
    }

    [Fact]
    public void Served_LoweredSerialWithChanges_StillMovesForward()
    {
        var next = TransferZones.Served(TransferZones.Version(5)).Next(TransferZones.Version(2, "new IN A 127.0.0.50"));
        Assert.Equal(6u, next.Serial);
    }

    [Fact]
    public void Served_SameContent_IsNoNewVersion()
    {
        var served = TransferZones.Served(TransferZones.Version(5));
        Assert.Same(served, served.Next(TransferZones.Version(5)));
        Assert.Same(served, served.Next(TransferZones.Version(4)));
    }

    [Fact]
    public void Served_SerialRaisedAlone_IsANewVersion()
    {
        var next = TransferZones.Served(TransferZones.Version(5)).Next(TransferZones.Version(6));
        Assert.Equal(6u, next.Serial);
        Assert.True(Assert.Single(next.History.Steps).IsEmpty);
    }

    [Fact]
    public void Served_HealthyVersion_ReplacesThePoolsAddresses()
    {
        var zone = TransferZones.Version(5);
        var healthy = ZoneRewrite.Rewrite(zone, zone.Serial, set =>
            set.Owner.ToString() == "twopir.example.com." && set.Type == RecordType.A ? [set.Records[1]] : null);
        var next = TransferZones.Served(zone).Next(healthy);
        Assert.Equal(6u, next.Serial);
        Assert.Equal("twopir.example.com. 5 IN A 127.0.0.11", Assert.Single(Assert.Single(next.History.Steps).Removed).ToString());
        Assert.Single(next.Zone.GetNode(DnsName.Parse("twopir.example.com."))!.Find(RecordType.A)!.Records);
    }

    [Theory]
    [InlineData(3u, TransferKind.UpToDate)]
    [InlineData(4u, TransferKind.UpToDate)]   // newer than ours: RFC 1995 §2, our SOA alone
    [InlineData(1u, TransferKind.Incremental)]
    [InlineData(2u, TransferKind.Incremental)]
    [InlineData(0u, TransferKind.Full)]       // older than the history
    [InlineData(0x80000003u, TransferKind.Full)] // half the circle away: neither older nor newer
    public void Plan_ForAnIxfr_DependsOnTheClientsSerial(uint client, TransferKind expected)
    {
        var served = TransferZones.Served(TransferZones.Version(1))
            .Next(TransferZones.Version(2, "a IN A 127.0.0.1"))
            .Next(TransferZones.Version(3, "b IN A 127.0.0.2"));
        Assert.Equal(expected, TransferPlan.Choose(TransferStreams.Ixfr(client), served.Zone, served.History).Kind);
    }

    [Fact]
    public void Plan_ForAnAxfr_IsAlwaysTheWholeZone() =>
        Assert.Equal(TransferKind.Full, TransferPlan.Choose(TransferStreams.Axfr(), TransferZones.Version(3), null).Kind);
}
