using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Zones;

namespace DnsLb.Tests.Zones;

/// <summary>
/// <c>$INCLUDE file [origin]</c> (RFC 1035 §5.1): files relative to the zones directory and never outside it,
/// the origin argument, nesting, what an included file may change (nothing that outlives it), and errors
/// that point at the right file and line. The same behaviour as Knot, cross-checked in
/// <see cref="EndToEnd.IncludeReferenceTests"/>.
/// </summary>
public sealed class IncludeTests : IDisposable
{
    private const string Head = "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private readonly ZoneDirectory _zones = new();

    public void Dispose() => _zones.Dispose();

    private static RRSet? Set(Zone zone, string name, RecordType type) => zone.GetNode(DnsName.Parse(name))?.Find(type);

    private static string[] Records(Zone zone, string name, RecordType type) =>
        Set(zone, name, type)?.Records.Select(r => r.ToString()).ToArray() ?? [];

    private string SingleError(string zoneFile = "example.com.zone")
    {
        var result = _zones.Load(zoneFile);
        Assert.Null(result.Zone);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Include_RelativeFile_AddsItsRecordsWhereItStands()
    {
        _zones.Write("hosts.inc", "www IN A 127.0.0.2\nmail IN A 127.0.0.3\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\nafter IN A 127.0.0.4\n");
        var zone = _zones.LoadOk("example.com.zone");
        Assert.Equal(["127.0.0.2"], Records(zone, "www.example.com.", RecordType.A));
        Assert.Equal(["127.0.0.3"], Records(zone, "mail.example.com.", RecordType.A));
        Assert.Equal(["127.0.0.4"], Records(zone, "after.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_WithOrigin_ItsRelativeNamesAndAtSignUseThatOrigin()
    {
        _zones.Write("hosts.inc", "www IN A 127.0.0.2\n@ IN TXT \"at the include's origin\"\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc sub.example.com.\n$INCLUDE hosts.inc other\n");
        var zone = _zones.LoadOk("example.com.zone");
        Assert.Equal(["127.0.0.2"], Records(zone, "www.sub.example.com.", RecordType.A));
        Assert.Equal(["\"at the include's origin\""], Records(zone, "sub.example.com.", RecordType.TXT));
        // A relative origin argument is relative to the current origin.
        Assert.Equal(["127.0.0.2"], Records(zone, "www.other.example.com.", RecordType.A));
        Assert.Empty(Records(zone, "www.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_ChangesInsideTheIncludedFile_DoNotOutliveIt()
    {
        _zones.Write("changes.inc", "$ORIGIN elsewhere.example.com.\n$TTL 77\ninside IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "before IN A 127.0.0.1\n$INCLUDE changes.inc\n  IN TXT \"owner before the include\"\nafter IN A 127.0.0.3\n");
        var zone = _zones.LoadOk("example.com.zone");
        var inside = Set(zone, "inside.elsewhere.example.com.", RecordType.A)!;
        Assert.Equal(77u, inside.Ttl);
        // RFC 1035 §5.1: the origin comes back; as in BIND and Knot, so do $TTL and the current owner.
        Assert.Equal(300u, Set(zone, "after.example.com.", RecordType.A)!.Ttl);
        Assert.Equal(["\"owner before the include\""], Records(zone, "before.example.com.", RecordType.TXT));
        Assert.Null(zone.GetNode(DnsName.Parse("after.elsewhere.example.com.")));
    }

    [Fact]
    public void Include_TheIncludedFile_StartsWithTheIncludingFilesOriginAndTtl()
    {
        _zones.Write("plain.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$TTL 120\n$INCLUDE plain.inc\n");
        var zone = _zones.LoadOk("example.com.zone");
        Assert.Equal(120u, Set(zone, "www.example.com.", RecordType.A)!.Ttl);
    }

    [Fact]
    public void Include_Nested_NamesAreRelativeToTheZonesDirectory()
    {
        _zones.Write("parts/outer.inc", "outer IN A 127.0.0.2\n$INCLUDE parts/inner.inc inner.example.com.\n");
        _zones.Write("parts/inner.inc", "host IN A 127.0.0.3\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE parts/outer.inc\n");
        var zone = _zones.LoadOk("example.com.zone");
        Assert.Equal(["127.0.0.2"], Records(zone, "outer.example.com.", RecordType.A));
        Assert.Equal(["127.0.0.3"], Records(zone, "host.inner.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_TheSameFileTwice_IsNoLoop()
    {
        _zones.Write("host.inc", "@ IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE host.inc a\n$INCLUDE host.inc b\n");
        var zone = _zones.LoadOk("example.com.zone");
        Assert.Single(Records(zone, "a.example.com.", RecordType.A));
        Assert.Single(Records(zone, "b.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_QuotedFileName_MayHoldBlanks()
    {
        _zones.Write("my hosts.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE \"my hosts.inc\" ; a comment\n");
        Assert.Single(Records(_zones.LoadOk("example.com.zone"), "www.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_FileThatHoldsTheSoa_NamesTheZoneWithItsOriginArgument()
    {
        // The apex is the origin in effect at the first record, here the include's.
        _zones.Write("common.inc", "@ IN SOA ns1 hostmaster 7 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n");
        _zones.Write("whatever.zone", "$TTL 300\n$INCLUDE common.inc example.org.\n");
        var zone = _zones.LoadOk("whatever.zone");
        Assert.Equal("example.org.", zone.Origin.ToString());
        Assert.Equal(7u, zone.Serial);
    }

    [Fact]
    public void Include_ErrorInTheIncludedFile_IsReportedWithThatFileAndLine()
    {
        _zones.Write("hosts.inc", "ok IN A 127.0.0.2\nbad IN A 999.1.1.1\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\n");
        Assert.Equal($"{_zones.Full("hosts.inc")}:2: '999.1.1.1' is not an IPv4 address", SingleError());
    }

    [Fact]
    public void Include_ZoneLevelErrorOnAnIncludedRecord_NamesThatFileAndLine()
    {
        _zones.Write("hosts.inc", "www IN A 127.0.0.2\nwww IN CNAME elsewhere\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\n");
        Assert.Equal($"{_zones.Full("hosts.inc")}:2: CNAME at www.example.com. beside other data (A on line 1); a CNAME must be alone", SingleError());
    }

    [Fact]
    public void Include_Errors_AreListedInTheOrderTheyWereRead()
    {
        _zones.Write("hosts.inc", "bad IN A 1.2.3\n");
        _zones.Write("example.com.zone", Head + "a IN A 1\n$INCLUDE hosts.inc\nb IN A 2\n");
        var result = _zones.Load("example.com.zone");
        Assert.Collection(result.Errors,
            e => Assert.StartsWith($"{_zones.Full("example.com.zone")}:6: ", e),
            e => Assert.StartsWith($"{_zones.Full("hosts.inc")}:1: ", e),
            e => Assert.StartsWith($"{_zones.Full("example.com.zone")}:8: ", e));
    }

    [Fact]
    public void Include_OmittedOwnerAtTheStartOfAnIncludedFile_IsAnError()
    {
        // As in Knot: an included file has no current owner until it names one.
        _zones.Write("hosts.inc", "  IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\n");
        Assert.Equal($"{_zones.Full("hosts.inc")}:1: no owner name: the first record must name its owner", SingleError());
    }

    [Fact]
    public void Include_MissingFile_IsAnErrorAtTheIncludeLine()
    {
        _zones.Write("example.com.zone", Head + "$INCLUDE missing.inc\n");
        Assert.Equal($"{_zones.Full("example.com.zone")}:6: $INCLUDE missing.inc: no such file", SingleError());
    }

    [Fact]
    public void Include_Loop_IsAnErrorAtTheIncludeThatClosesIt()
    {
        _zones.Write("a.inc", "a IN A 127.0.0.2\n$INCLUDE b.inc\n");
        _zones.Write("b.inc", "b IN A 127.0.0.3\n\n$INCLUDE a.inc\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE a.inc\n");
        Assert.Equal($"{_zones.Full("b.inc")}:3: $INCLUDE a.inc makes a loop: example.com.zone includes a.inc includes b.inc includes a.inc", SingleError());
    }

    [Fact]
    public void Include_OfItself_IsALoop()
    {
        _zones.Write("self.inc", "$INCLUDE ./self.inc\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE self.inc\n");
        Assert.Contains("self.inc:1: $INCLUDE ./self.inc makes a loop", SingleError());
    }

    [Fact]
    public void Include_AnotherZoneFile_IsRefused()
    {
        // Every *.zone file is a zone of its own; a file meant for inclusion has another name.
        _zones.Write("other.zone", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE other.zone\n");
        Assert.Contains("example.com.zone:6: $INCLUDE other.zone: every *.zone file in the zones directory is a zone of its own", SingleError());
    }

    [Theory]
    [InlineData("$INCLUDE", "$INCLUDE takes a file name")]
    [InlineData("$INCLUDE a.inc example.com. extra", "$INCLUDE takes a file name")]
    [InlineData("$INCLUDE a.inc bad..origin", "bad $INCLUDE origin: empty label")]
    [InlineData("$INCLUDE a\\.inc", "$INCLUDE a\\.inc: a file name cannot hold '\\'")]
    public void Include_BadArguments_AreErrors(string line, string expected)
    {
        _zones.Write("a.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + line + "\n");
        Assert.StartsWith($"{_zones.Full("example.com.zone")}:6: {expected}", SingleError());
    }

    [Fact]
    public void Include_AbsolutePath_IsRefused_EvenInsideTheZonesDirectory()
    {
        var inside = _zones.Write("hosts.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + $"$INCLUDE {inside}\n");
        Assert.Contains("absolute paths are not allowed", SingleError());
    }

    [Theory]
    [InlineData("../outside.inc")]
    [InlineData("parts/../../outside.inc")]
    [InlineData("./../outside.inc")]
    public void Include_DotDotOutOfTheZonesDirectory_IsRefused(string name)
    {
        using var outer = new ZoneDirectory();
        var zones = outer.Full("zones");
        outer.Write("outside.inc", "www IN A 127.0.0.2\n");
        outer.Write("zones/parts/keep.inc", "");
        outer.Write("zones/example.com.zone", Head + $"$INCLUDE {name}\n");
        var result = ZoneLoader.LoadFile(Path.Combine(zones, "example.com.zone"));
        Assert.Null(result.Zone);
        Assert.Contains("is outside the zones directory", Assert.Single(result.Errors));
    }

    [Fact]
    public void Include_DotDotThatStaysInside_IsAllowed()
    {
        _zones.Write("parts/hosts.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE parts/../parts/hosts.inc\n");
        Assert.Single(Records(_zones.LoadOk("example.com.zone"), "www.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_SymbolicLinkToAFileOutside_IsRefused()
    {
        using var outside = new ZoneDirectory();
        var target = outside.Write("secret.inc", "www IN A 127.0.0.2\n");
        File.CreateSymbolicLink(_zones.Full("link.inc"), target);
        _zones.Write("example.com.zone", Head + "$INCLUDE link.inc\n");
        Assert.Contains("is outside the zones directory", SingleError());
    }

    [Fact]
    public void Include_ThroughAFolderLinkPointingOutside_IsRefused()
    {
        using var outside = new ZoneDirectory();
        outside.Write("secret.inc", "www IN A 127.0.0.2\n");
        Directory.CreateSymbolicLink(_zones.Full("shared"), outside.Path);
        _zones.Write("example.com.zone", Head + "$INCLUDE shared/secret.inc\n");
        Assert.Contains("is outside the zones directory", SingleError());
    }

    [Fact]
    public void Include_LinkWhoseTargetPassesThroughALinkOutside_IsRefused()
    {
        // inside.inc → sub/secret.inc looks inside, but sub is a link to another folder.
        using var outside = new ZoneDirectory();
        outside.Write("secret.inc", "www IN A 127.0.0.2\n");
        Directory.CreateSymbolicLink(_zones.Full("sub"), outside.Path);
        File.CreateSymbolicLink(_zones.Full("inside.inc"), "sub/secret.inc");
        _zones.Write("example.com.zone", Head + "$INCLUDE inside.inc\n");
        Assert.Contains("is outside the zones directory", SingleError());
    }

    [Fact]
    public void Include_SymbolicLinkToAFileInside_IsAllowed()
    {
        _zones.Write("parts/hosts.inc", "www IN A 127.0.0.2\n");
        File.CreateSymbolicLink(_zones.Full("hosts.inc"), "parts/hosts.inc");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\n");
        Assert.Single(Records(_zones.LoadOk("example.com.zone"), "www.example.com.", RecordType.A));
    }

    [Fact]
    public void Include_LinkLoop_IsAnError()
    {
        File.CreateSymbolicLink(_zones.Full("a.inc"), "b.inc");
        File.CreateSymbolicLink(_zones.Full("b.inc"), "a.inc");
        _zones.Write("example.com.zone", Head + "$INCLUDE a.inc\n");
        Assert.Contains("too many symbolic links", SingleError());
    }

    [Fact]
    public void LoadAll_FilesOtherThanDotZone_AreNotZones()
    {
        _zones.Write("hosts.inc", "www IN A 127.0.0.2\n");
        _zones.Write("example.com.zone", Head + "$INCLUDE hosts.inc\n");
        var loader = new ZoneLoader(Microsoft.Extensions.Options.Options.Create(new ZoneOptions { ZonesDirectory = _zones.Path }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ZoneLoader>.Instance);
        var zone = Assert.Single(loader.Load(force: false)!.Zones);
        Assert.Equal("example.com.", zone.Origin.ToString());
    }
}
