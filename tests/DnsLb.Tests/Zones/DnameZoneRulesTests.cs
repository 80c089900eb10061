using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Tests.Zones;

/// <summary>RFC 6672 §2.4 at load time: one DNAME per owner, never beside a CNAME; other data beside it is fine.</summary>
public sealed class DnameZoneRulesTests : IDisposable
{
    private const string Head = "$TTL 60\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("dnslb-dname-").FullName;

    private ZoneBuildResult Load(string body)
    {
        var path = Path.Combine(_directory, "example.com.zone");
        File.WriteAllText(path, Head + body);
        return ZoneLoader.LoadFile(path);
    }

    [Fact]
    public void Load_TwoDnamesAtOneOwner_IsAnErrorOnTheSecondLine()
    {
        var result = Load("dn IN DNAME one.example.\ndn IN DNAME two.example.\n");
        Assert.Null(result.Zone);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith("example.com.zone:6: a second DNAME at dn.example.com.; a name has at most one", error);
    }

    [Fact]
    public void Load_DnameBesideCname_IsAnError()
    {
        var result = Load("dn IN DNAME one.example.\ndn IN CNAME two.example.\n");
        Assert.Null(result.Zone);
        Assert.Contains("example.com.zone:6: CNAME at dn.example.com. beside other data (DNAME on line 5)", Assert.Single(result.Errors));
    }

    [Fact]
    public void Load_SameDnameTwice_IsOneRecord()
    {
        var result = Load("dn IN DNAME one.example.\ndn IN DNAME ONE.example.\n");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Zone!.GetNode(DnsName.Parse("dn.example.com."))!.Dname!.Count);
    }

    [Fact]
    public void Load_DnameBesideOtherData_AndDataBelowIt_Loads()
    {
        // Data below a DNAME is occluded when answering (RFC 6672 §2.4), not refused: BIND loads such zones too.
        var result = Load("dn IN DNAME one.example.\ndn IN A 127.0.0.2\ndn IN TXT \"x\"\nbelow.dn IN A 127.0.0.3\n");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        var node = result.Zone!.GetNode(DnsName.Parse("dn.example.com."))!;
        Assert.NotNull(node.Dname);
        Assert.NotNull(node.Find(RecordType.A));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
