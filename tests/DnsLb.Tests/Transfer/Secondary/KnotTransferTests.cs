using DnsLb.Protocol;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>Our transfer client against Knot DNS as the primary: AXFR, IXFR after an edit, with and without TSIG, bad TSIG rejected.</summary>
public sealed class KnotTransferTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static TransferClient Client() => new(TimeProvider.System, TransferClientLimits.Default);

    private static Zone Build(TransferContent content, Zone? current = null)
    {
        var result = content.Kind == TransferKind.Full
            ? ZoneFromRecords.Build(Origin, content.Records, "test")
            : IxfrApplier.Apply(current!, content.Steps, "test");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    [Fact]
    public async Task Axfr_FromKnot_IsTheZoneKnotLoaded()
    {
        using var knot = new KnotPrimary();
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, null, null, CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Equal(TransferKind.Full, attempt.Content!.Kind);
        Assert.Equal(IxfrApplierTests.Lines(TransferZones.Version(1)), IxfrApplierTests.Lines(Build(attempt.Content)));
    }

    [Fact]
    public async Task Axfr_SignedWithTheKeyKnotRequires_Succeeds()
    {
        using var knot = new KnotPrimary(tsig: true);
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, null, TsigTestKeys.Key(name: "transfer-key"), CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Equal(IxfrApplierTests.Lines(TransferZones.Version(1)), IxfrApplierTests.Lines(Build(attempt.Content!)));
    }

    [Fact]
    public async Task Axfr_Unsigned_WhereKnotRequiresAKey_Fails()
    {
        using var knot = new KnotPrimary(tsig: true);
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, null, null, CancellationToken.None);
        Assert.False(attempt.Succeeded);
        Assert.Contains("the primary answered", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Axfr_WithAWrongSecret_IsRejectedAsBadSig()
    {
        using var knot = new KnotPrimary(tsig: true);
        var wrong = TsigTestKeys.Key(name: "transfer-key", secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l");
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, null, wrong, CancellationToken.None);
        Assert.False(attempt.Succeeded);
        Assert.Contains("rejected our TSIG: BadSig", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Axfr_WithAnUnknownKey_IsRejectedAsBadKey()
    {
        using var knot = new KnotPrimary(tsig: true);
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, null, TsigTestKeys.Key(name: "stranger"), CancellationToken.None);
        Assert.False(attempt.Succeeded);
        Assert.Contains("rejected our TSIG: BadKey", attempt.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ixfr_AfterAnEditOnKnot_BringsTheChangesOnly(bool tsig)
    {
        using var knot = new KnotPrimary(tsig: tsig, journal: true, extra: ["old IN A 127.0.0.70", "pool IN A 127.0.0.80", "pool IN A 127.0.0.81"]);
        var key = tsig ? TsigTestKeys.Key(name: "transfer-key") : null;
        var first = await Client().TransferAsync(knot.EndPoint, Origin, null, key, CancellationToken.None);
        Assert.True(first.Succeeded, first.Error);
        var v1 = Build(first.Content!);

        knot.Edit(2, "pool IN A 127.0.0.81", "pool IN A 127.0.0.82", "new IN TXT \"added on the primary\"");
        var second = await Client().TransferAsync(knot.EndPoint, Origin, v1, key, CancellationToken.None);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(TransferKind.Incremental, second.Content!.Kind);
        var step = Assert.Single(second.Content.Steps);
        Assert.Equal((1u, 2u), (step.FromSerial, step.ToSerial));
        Assert.Equal(["old.example.com. 300 IN A 127.0.0.70", "pool.example.com. 300 IN A 127.0.0.80"], step.Removed.Select(r => r.ToString()).Order());
        Assert.Equal(2, step.Added.Count);
        var v2 = Build(second.Content, v1);
        Assert.Equal(IxfrApplierTests.Lines(TransferZones.Version(2, "pool IN A 127.0.0.81", "pool IN A 127.0.0.82", "new IN TXT \"added on the primary\"")),
            IxfrApplierTests.Lines(v2));

        var third = await Client().TransferAsync(knot.EndPoint, Origin, v2, key, CancellationToken.None);
        Assert.True(third.Succeeded, third.Error);
        Assert.Equal(TransferKind.UpToDate, third.Content!.Kind);
    }

    [Fact]
    public async Task Ixfr_FromASerialKnotHasNoJournalFor_ComesAsTheWholeZone()
    {
        using var knot = new KnotPrimary(serial: 5);
        var attempt = await Client().TransferAsync(knot.EndPoint, Origin, TransferZones.Version(3), null, CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Equal(TransferKind.Full, attempt.Content!.Kind);
        Assert.Equal(5u, attempt.Content.Serial);
    }

    [Fact]
    public async Task SoaQuery_ToKnot_GivesItsSerial_AndWithTsigToo()
    {
        using var knot = new KnotPrimary(tsig: true, serial: 42);
        var client = new SoaQueryClient(TimeProvider.System, TransferClientLimits.Default);
        var plain = await client.QueryAsync(knot.EndPoint, Origin, null, CancellationToken.None);
        Assert.True(plain.Succeeded, plain.Error);
        Assert.Equal(42u, plain.Serial);
        var signed = await client.QueryAsync(knot.EndPoint, Origin, TsigTestKeys.Key(name: "transfer-key"), CancellationToken.None);
        Assert.True(signed.Succeeded, signed.Error);
        Assert.Equal(42u, signed.Serial);
        var wrong = await client.QueryAsync(knot.EndPoint, Origin, TsigTestKeys.Key(name: "transfer-key", secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l"), CancellationToken.None);
        Assert.False(wrong.Succeeded);
        Assert.Contains("BadSig", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoaQuery_ForAZoneKnotDoesNotServe_Fails()
    {
        using var knot = new KnotPrimary();
        var client = new SoaQueryClient(TimeProvider.System, TransferClientLimits.Default);
        var check = await client.QueryAsync(knot.EndPoint, DnsName.Parse("example.org."), null, CancellationToken.None);
        Assert.False(check.Succeeded);
    }
}
