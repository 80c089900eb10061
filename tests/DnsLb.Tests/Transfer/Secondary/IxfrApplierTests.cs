using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>Applying IXFR steps to the copy held: the primary's version comes out, inconsistent steps are rejected.</summary>
public sealed class IxfrApplierTests
{
    [Fact]
    public void Apply_StepsOfTheHistory_GivesTheNewestVersion()
    {
        var v1 = TransferZones.Version(1, "gone IN A 127.0.0.31", "set IN A 127.0.0.40");
        var served = TransferZones.Served(v1)
            .Next(TransferZones.Version(2, "set IN A 127.0.0.40", "set IN A 127.0.0.41", "ttl 60 IN TXT \"a\""))
            .Next(TransferZones.Version(3, "set IN A 127.0.0.41", "ttl 90 IN TXT \"a\"", "new IN MX 5 mail"));
        Assert.True(served.History.TryGetChain(1, 3, out var steps));
        var result = IxfrApplier.Apply(v1, steps, "test");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        Assert.Equal(3u, result.Zone!.Serial);
        Assert.Equal(Lines(served.Zone), Lines(result.Zone));
        Assert.Equal(90u, result.Zone.GetNode(DnsName.Parse("ttl.example.com."))!.Find(RecordType.TXT)!.Ttl);
    }

    [Fact]
    public void Apply_LargeZone_GivesTheSameZoneAsTheDiff()
    {
        var older = TransferZones.Large(2000, serial: 1);
        var newer = TransferZones.Parse(TransferZones.Example.Replace("hostmaster 1 ", "hostmaster 2 ", StringComparison.Ordinal)
            + string.Concat(Enumerable.Range(0, 2000).Where(i => i % 7 != 0).Select(i => $"\nhost{i} IN A 127.1.{i / 250}.{i % 250 + 1}")) + "\nextra IN A 127.0.0.99\n");
        var result = IxfrApplier.Apply(older, [ZoneDiff.Compute(older, newer)], "test");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        Assert.Equal(Lines(newer), Lines(result.Zone!));
    }

    [Fact]
    public void Apply_RemovingARecordTheZoneLacks_IsRejected()
    {
        var v1 = TransferZones.Version(1);
        var step = new ZoneDelta(ZoneRecords.SoaRecord(v1), ZoneRecords.SoaRecord(TransferZones.Version(2)),
            [new ResourceRecord(DnsName.Parse("nothere.example.com."), 1, 300, new AddressData(System.Net.IPAddress.Loopback))], []);
        var result = IxfrApplier.Apply(v1, [step], "test");
        Assert.Null(result.Zone);
        Assert.Contains("does not hold", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AddingARecordTheZoneHas_IsRejected()
    {
        var v1 = TransferZones.Version(1);
        var step = new ZoneDelta(ZoneRecords.SoaRecord(v1), ZoneRecords.SoaRecord(TransferZones.Version(2)),
            [], [new ResourceRecord(DnsName.Parse("ns1.example.com."), 1, 300, new AddressData(System.Net.IPAddress.Loopback))]);
        Assert.Contains("already holds", Assert.Single(IxfrApplier.Apply(v1, [step], "test").Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FromAnotherSerial_IsRejected()
    {
        var v1 = TransferZones.Version(1);
        var step = ZoneDiff.Compute(TransferZones.Version(4), TransferZones.Version(5, "a IN A 127.0.0.1"));
        Assert.Contains("starts at serial 4", Assert.Single(IxfrApplier.Apply(v1, [step], "test").Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StepThatBreaksTheZone_IsRejectedByTheBuilder()
    {
        var v1 = TransferZones.Version(1);
        var step = new ZoneDelta(ZoneRecords.SoaRecord(v1), ZoneRecords.SoaRecord(TransferZones.Version(2)),
            [], [new ResourceRecord(DnsName.Parse("www.example.com."), 1, 300, new AddressData(System.Net.IPAddress.Loopback))]);
        var result = IxfrApplier.Apply(v1, [step], "test");
        Assert.Null(result.Zone);
        Assert.Contains("CNAME", string.Join("\n", result.Errors), StringComparison.Ordinal);
    }

    internal static List<string> Lines(Zone zone) => [.. KdigRecords.Lines(zone).Order(StringComparer.Ordinal)];
}
