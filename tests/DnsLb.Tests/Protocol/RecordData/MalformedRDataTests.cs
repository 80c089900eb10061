using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;
using DnsLb.Zones;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>Malformed RDATA of every type is <see cref="ParseStatus.BadRecordData"/>: never an exception, never a record.</summary>
public sealed class MalformedRDataTests
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "A", "7F0000" }, { "A", "7F00000102" }, { "AAAA", "00" },
        { "NS", "" }, { "NS", "03777777" }, { "NS", "0377777700FF" }, { "CNAME", "40" },
        { "SOA", "0000" }, { "SOA", "00 00 00000001 00000002 00000003 00000004" },
        { "MX", "000A" }, { "MX", "0A" },
        { "TXT", "" }, { "TXT", "0561" }, { "SPF", "FF" },
        { "HINFO", "0161" }, { "HINFO", "016101" },
        { "RP", "00" }, { "AFSDB", "0001" },
        { "KX", "000A" }, { "KX", "000A C000" },
        { "SRV", "000100020003" },
        { "NAPTR", "0001 0002 00 00" }, { "NAPTR", "0001 0002 00 00 00 05" },
        { "CAA", "00" }, { "CAA", "00 00" }, { "CAA", "00 05 6973" }, { "CAA", "00 01 2D" },
        { "URI", "000A00" },
        { "DS", "0001 0D" }, { "CDS", "" },
        { "SSHFP", "01" },
        { "TLSA", "0301" }, { "SMIMEA", "" },
        { "DNSKEY", "0101 03" }, { "CDNSKEY", "01" },
        { "CERT", "0001 0001" },
        { "RRSIG", "0001 08 02 00000E10 00000000 00000000 0001" },
        { "RRSIG", "0001 08 02 00000E10 00000000 00000000 0001 C000 AA" },
        { "NSEC", "" }, { "NSEC", "00 0000" }, { "NSEC", "00 00 21" }, { "NSEC", "00 0001 40 0001 40" },
        { "NSEC", "00 0102 40" }, { "NSEC", "00 0001" }, { "NSEC", "03777777" },
        { "NSEC3", "01 00 0000 05 AABB" }, { "NSEC3", "01 00 0000 00 14 AABB" }, { "NSEC3", "01 00 0000 00 01 AA 0000" },
        { "NSEC3PARAM", "01 00 0000" }, { "NSEC3PARAM", "01 00 0000 02 AA" }, { "NSEC3PARAM", "01 00 0000 00 FF" },
        { "CSYNC", "00000001" }, { "CSYNC", "00000001 0000 01" },
        { "ZONEMD", "00000001 01" },
        { "LOC", "00 12 16" }, { "LOC", "00 A2 16 13 80000000 80000000 00989680" },
        { "LOC", "00 12 16 13 FFFFFFFF 80000000 00989680" }, { "LOC", "00 12 16 13 80000000 80000000 0098968000" },
        { "SVCB", "0001" }, { "SVCB", "0001 00 0001 0001" },
        { "SVCB", "0001 00 0003 0002 01BB 0003 0002 01BB" }, { "SVCB", "0001 00 0003 0002 01BB 0001 0003 026832" },
        { "SVCB", "0001 00 0003 0001 01" }, { "SVCB", "0001 00 0001 0000" }, { "SVCB", "0001 00 0001 0002 0068" },
        { "SVCB", "0001 00 0001 0002 0368" }, { "SVCB", "0001 00 0002 0001 00" }, { "SVCB", "0001 00 0004 0003 7F0000" },
        { "SVCB", "0001 00 0006 0004 00000000" }, { "SVCB", "0001 00 0005 0000" },
        { "SVCB", "0001 00 0000 0002 0000" }, { "SVCB", "0001 00 0000 0004 0003 0001" }, { "SVCB", "0001 00 0000 0001 00" },
        { "HTTPS", "0001 C000" }, { "HTTPS", "0001 00 FFFF 0005 0000" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedRData_IsBadRecordData(string type, string hex)
    {
        Assert.True(RecordTypeNames.TryParse(type, out var recordType));
        var rdata = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(ParseStatus.BadRecordData, RDataText.TryRead(recordType, rdata, out var data));
        Assert.Null(data);
    }

    /// <summary>Every record of the zone with every type: each cut short, and mutated at random (seeded).</summary>
    [Fact]
    public void Read_EveryTruncationAndMutationOfEveryType_IsAStatusNeverAnException()
    {
        var zone = ZoneLoader.LoadFile(TestPaths.TestZone("types.test.zone")).Zone!;
        var random = new Random(6);
        int accepted = 0, rejected = 0;
        foreach (var data in zone.Nodes.SelectMany(n => n.Sets).SelectMany(s => s.Records))
        {
            var wire = data.ToWire();
            var inputs = Enumerable.Range(0, wire.Length).Select(n => wire[..n]).ToList();
            for (int i = 0; i < 50; i++)
            {
                var mutated = wire.ToArray();
                for (int flips = random.Next(1, 4); flips > 0 && mutated.Length > 0; flips--)
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                inputs.Add(mutated);
            }
            foreach (var input in inputs)
            {
                var status = RDataText.TryRead(data.Type, input, out var read);
                if (status != ParseStatus.Ok)
                {
                    Assert.Equal(ParseStatus.BadRecordData, status);
                    rejected++;
                    continue;
                }
                // Whatever is accepted is kept exactly and prints as text that reads back to the same bytes.
                Assert.Equal(input, read!.ToWire());
                Assert.True(RDataText.TryParse(RecordTypeNames.Name(data.Type), read.ToString(), out var reparsed, out var error), $"{read}: {error}");
                Assert.True(input.AsSpan().SequenceEqual(reparsed!.ToWire()), $"{RecordTypeNames.Name(data.Type)} {Convert.ToHexString(input)} printed as {read}");
                accepted++;
            }
        }
        Assert.True(accepted > 1000 && rejected > 1000, $"{accepted} accepted, {rejected} rejected");
    }
}
