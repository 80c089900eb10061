using DnsLb.Tests.Forwarding;
using DnsLb.Tests.Support;
using DnsLb.Zones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Tests.Zones;

/// <summary>
/// What a reload reads again: only files that changed, judged by their stamps (length and write time),
/// except a stamp taken too soon after a write, which is not trusted (a second write in the same clock tick
/// keeps the time); forced, every file, by content. The clock of the stamps is the test's.
/// </summary>
public sealed class ZoneLoaderTests : IDisposable
{
    private readonly ZoneDirectory _zones = new();
    private readonly ManualTimeProvider _time = new();
    private readonly LogCapture _log = new();
    private readonly ZoneLoader _loader;

    public ZoneLoaderTests()
    {
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(_log));
        _loader = new ZoneLoader(Options.Create(new ZoneOptions { ZonesDirectory = _zones.Path }), _time, factory.CreateLogger<ZoneLoader>());
    }

    private static string Zone(string origin, string address) =>
        $"$ORIGIN {origin}\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\nwww IN A {address}\n";

    private Zone Loaded(string origin, bool force = false) =>
        Assert.Single(_loader.Load(force)!.Zones, z => z.Origin.ToString() == origin);

    private static string Www(Zone zone) => zone.GetNode(DnsLb.Protocol.DnsName.Parse("www." + zone.Origin))!.Find(DnsLb.Protocol.RecordType.A)!.Records[0].ToString();

    /// <summary>Writes the file and gives it the write time <paramref name="written"/>; the clock reads <paramref name="written"/> + <paramref name="later"/>.</summary>
    private void Write(string name, string text, DateTime written, TimeSpan later)
    {
        var path = _zones.Write(name, text);
        File.SetLastWriteTimeUtc(path, written);
        _time.Advance(written + later - _time.GetUtcNow().UtcDateTime);
    }

    private static readonly DateTime Written = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Load_WithNothingChanged_ReturnsTheSameSet_AndAnEditedFile_LeavesTheOtherZonesAsTheyWere()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromHours(1));
        Write("b.zone", Zone("b.example.", "127.0.0.3"), Written, TimeSpan.FromHours(1));
        var first = _loader.Load(force: false)!;
        var b = Loaded("b.example.");
        Assert.Same(first, _loader.Load(force: false));

        Write("a.zone", Zone("a.example.", "127.0.0.4"), Written.AddMinutes(1), TimeSpan.FromHours(1));
        Assert.Equal("127.0.0.4", Www(Loaded("a.example.")));
        Assert.Same(b, Loaded("b.example."));
    }

    [Fact]
    public void Load_FileRewrittenWithTheSameContent_KeepsItsZone_AndLogsNothing()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromHours(1));
        var zone = Loaded("a.example.");
        int lines = _log.Lines.Count;

        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written.AddMinutes(5), TimeSpan.FromHours(1));
        Assert.Same(zone, Loaded("a.example."));
        Assert.Equal(lines, _log.Lines.Count);
    }

    [Fact]
    public void Load_SameLengthEditInTheClockTickOfTheLastRead_IsNotMissed()
    {
        // Read 100 ms after the write: the stamp is racy. A second write of the same length in the same tick
        // leaves length and time as they were; only a stamp that is not trusted finds it.
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromMilliseconds(100));
        Assert.Equal("127.0.0.2", Www(Loaded("a.example.")));

        Write("a.zone", Zone("a.example.", "127.0.0.3"), Written, TimeSpan.FromMilliseconds(200));
        Assert.Equal("127.0.0.3", Www(Loaded("a.example.")));
    }

    [Fact]
    public void Load_TrustedStampThatStillMatches_SkipsTheFile_UnlessForced()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromHours(1));
        Assert.Equal("127.0.0.2", Www(Loaded("a.example.")));

        // Same length, same time: indistinguishable by stamp, so only a forced reload (SIGHUP) reads it.
        Write("a.zone", Zone("a.example.", "127.0.0.3"), Written, TimeSpan.FromHours(2));
        Assert.Equal("127.0.0.2", Www(Loaded("a.example.")));
        Assert.Equal("127.0.0.3", Www(Loaded("a.example.", force: true)));
    }

    [Fact]
    public void Load_MissingIncludeCreatedLater_LoadsTheZone()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2") + "$INCLUDE more.inc\n", Written, TimeSpan.FromHours(1));
        Assert.Empty(_loader.Load(force: false)!.Zones);

        Write("more.inc", "more IN A 127.0.0.5\n", Written.AddMinutes(1), TimeSpan.FromHours(1));
        Assert.NotNull(Loaded("a.example.").GetNode(DnsLb.Protocol.DnsName.Parse("more.a.example.")));
    }

    [Fact]
    public void Load_BrokenEdit_KeepsTheLastGoodZone_UntilTheFileIsGone()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromHours(1));
        var good = Loaded("a.example.");

        Write("a.zone", Zone("a.example.", "999.0.0.1"), Written.AddMinutes(1), TimeSpan.FromHours(1));
        Assert.Same(good, Loaded("a.example."));
        Assert.Equal([_zones.Full("a.zone")], _loader.RejectedFiles);

        File.Delete(_zones.Full("a.zone"));
        Assert.Empty(_loader.Load(force: false)!.Zones);
    }

    [Fact]
    public void Load_ZonesDirectoryGone_ReturnsNull_AndTheCallerKeepsWhatItServes()
    {
        Write("a.zone", Zone("a.example.", "127.0.0.2"), Written, TimeSpan.FromHours(1));
        Assert.Single(_loader.Load(force: false)!.Zones);
        Directory.Delete(_zones.Path, recursive: true);

        Assert.Null(_loader.Load(force: false));
        Assert.Single(_log.Lines, l => l.StartsWith($"ERR zones directory {_zones.Path} cannot be read", StringComparison.Ordinal));
        Assert.Null(_loader.Load(force: false)); // said once
        Assert.Single(_log.Lines, l => l.Contains("cannot be read", StringComparison.Ordinal));
    }

    public void Dispose() => _zones.Dispose();
}
