using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transfer.Secondary;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>
/// The saved copy of a secondary zone is a standard zone file: every record type transferred from Knot,
/// saved, loaded by Knot again and by our loader, comes back byte for byte.
/// </summary>
public sealed class SavedZoneTests : IDisposable
{
    private readonly ZoneDirectory _directory = new();

    private static async Task<Zone> AxfrAsync(KnotServer knot, DnsName origin)
    {
        var attempt = await new TransferClient(TimeProvider.System, TransferClientLimits.Default).TransferAsync(knot.EndPoint, origin, null, null, CancellationToken.None);
        Assert.True(attempt.Succeeded, attempt.Error);
        var built = ZoneFromRecords.Build(origin, attempt.Content!.Records, "test");
        Assert.True(built.Zone is not null, string.Join("\n", built.Errors));
        return built.Zone!;
    }

    [Fact]
    public async Task Saved_EveryRecordType_IsLoadedBackByKnotAndByUsUnchanged()
    {
        var origin = DnsName.Parse("types.test.");
        Zone transferred;
        using (var reference = KnotServer.Start(TestPaths.TestZone("types.test.zone"), "types.test"))
            transferred = await AxfrAsync(reference, origin);
        var saved = new SavedZones(_directory.Path);
        await saved.SaveAsync(transferred, "types.test. transferred from Knot\nfor the round trip", CancellationToken.None);
        var file = saved.PathOf(origin);
        Assert.StartsWith("; types.test. transferred from Knot\n; for the round trip\n$ORIGIN types.test.\n", File.ReadAllText(file), StringComparison.Ordinal);

        Zone reloadedByKnot;
        using (var knot = KnotServer.Start(file, "types.test"))
            reloadedByKnot = await AxfrAsync(knot, origin);
        Assert.Equal(IxfrApplierTests.Lines(transferred), IxfrApplierTests.Lines(reloadedByKnot));

        var loaded = saved.Load(origin, out var errors, out _);
        Assert.True(loaded is not null, string.Join("\n", errors));
        Assert.Equal(IxfrApplierTests.Lines(transferred), IxfrApplierTests.Lines(loaded));
        Assert.Equal(file, loaded.Source);
    }

    [Fact]
    public async Task Save_ReplacesTheOldCopyWhole_AndLeavesNoTemporaryFile()
    {
        var saved = new SavedZones(_directory.Path);
        await saved.SaveAsync(TransferZones.Version(1), "one", CancellationToken.None);
        await saved.SaveAsync(TransferZones.Version(2, "new IN A 127.0.0.9"), "two", CancellationToken.None);
        Assert.Equal(["example.com.zone"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        Assert.Equal(2u, saved.Load(DnsName.Parse("example.com."), out _, out _)!.Serial);
    }

    [Fact]
    public void Load_NoCopy_IsNull() => Assert.Null(new SavedZones(_directory.Path).Load(DnsName.Parse("example.com."), out _, out _));

    [Fact]
    public void Load_BrokenCopy_ReportsItsErrors()
    {
        var saved = new SavedZones(_directory.Path);
        File.WriteAllText(saved.PathOf(DnsName.Parse("example.com.")), "$ORIGIN example.com.\n@ 300 IN SOA ns1 hostmaster 1 2 3 4 5\nwww 300 IN A not-an-address\n");
        Assert.Null(saved.Load(DnsName.Parse("example.com."), out var errors, out _));
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Load_CopyOfAnotherZone_IsRefused()
    {
        var saved = new SavedZones(_directory.Path);
        File.WriteAllText(saved.PathOf(DnsName.Parse("example.com.")), TransferZones.Example.Replace("$ORIGIN example.com.", "$ORIGIN example.net.", StringComparison.Ordinal));
        Assert.Null(saved.Load(DnsName.Parse("example.com."), out var errors, out _));
        Assert.Contains("not example.com.", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com.", "example.com.zone")]
    [InlineData(".", "root.zone")]
    [InlineData("a/b.Example.", "a%2fb.example.zone")]
    [InlineData("\\.\\..x.", "%2e%2e.x.zone")]
    [InlineData("\\\\.x.", "%5c.x.zone")]
    public void PathOf_IsAFileNameInTheDirectory(string zone, string file)
    {
        var saved = new SavedZones(_directory.Path);
        Assert.Equal(Path.Combine(_directory.Path, file), saved.PathOf(DnsName.Parse(zone)));
    }

    [Fact]
    public async Task Touch_MovesTheLastContact()
    {
        var saved = new SavedZones(_directory.Path);
        await saved.SaveAsync(TransferZones.Version(1), "one", CancellationToken.None);
        var later = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        saved.Touch(DnsName.Parse("example.com."), later);
        saved.Load(DnsName.Parse("example.com."), out _, out var savedAt);
        Assert.Equal(later, savedAt);
    }

    public void Dispose() => _directory.Dispose();
}
