using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;
using DnsLb.Zones;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>
/// Names inside RDATA are compressed only for RFC 1035's types (RFC 3597 §4); every type written into a
/// message and read back is the same record.
/// </summary>
public sealed class CompressionTests
{
    private static readonly RecordType[] Compressible = [RecordType.NS, RecordType.CNAME, RecordType.SOA, RecordType.PTR, RecordType.MX];

    public static TheoryData<string> Types =>
        [.. Zone().Nodes.SelectMany(n => n.Sets).Select(s => ResourceRecord.TypeName(s.Type)).Distinct()];

    private static Zone Zone() => ZoneLoader.LoadFile(TestPaths.TestZone("types.test.zone")).Zone!;

    [Theory]
    [MemberData(nameof(Types))]
    public void EncodeThenParse_EveryRecordOfTheType_ComesBackEqual_AndCompressedOnlyIfRfc1035(string typeName)
    {
        Assert.True(RecordTypeNames.TryParse(typeName, out var type));
        var sets = Zone().Nodes.SelectMany(n => n.Sets).Where(s => s.Type == type).ToList();
        var message = new DnsMessage();
        message.Header.IsResponse = true;
        message.Questions.Add(new DnsQuestion(sets[0].Owner, type));
        // Every record twice, under the zone's names, so that any name in the RDATA has an earlier copy to point at.
        foreach (var set in sets)
        {
            foreach (var data in set.Records)
            {
                message.Answers.Add(new ResourceRecord(set.Owner, 1, set.Ttl, data));
                message.Additionals.Add(new ResourceRecord(set.Owner, 1, set.Ttl, data));
            }
        }
        var bytes = message.Encode();

        Assert.Equal(ParseStatus.Ok, DnsMessage.TryParse(bytes, out var read));
        Assert.Equal(message.Answers.Select(r => r.Data), read!.Answers.Select(r => r.Data));
        Assert.Equal(message.Answers.Select(r => r.Data.ToString()), read.Additionals.Select(r => r.Data.ToString()));

        var reader = new DnsMessageReader(bytes);
        reader.ReadHeader(out var header);
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        reader.ReadQuestion(name, out _, out _, out _);
        bool anyCompressed = false;
        for (int i = 0; i < header.AnswerCount + header.AdditionalCount; i++)
        {
            reader.ReadRecord(name, out var record);
            var sent = message.Answers[i % message.Answers.Count].Data;
            bool same = bytes.AsSpan(record.RDataOffset, record.RDataLength).SequenceEqual(sent.Wire);
            Assert.True(same || Compressible.Contains(type), $"{typeName} RDATA was changed on the way: {sent}");
            anyCompressed |= !same;
        }
        if (type is RecordType.SOA or RecordType.MX or RecordType.CNAME or RecordType.PTR)
            Assert.True(anyCompressed, $"{typeName}: no name was compressed");
    }

    [Theory]
    [InlineData(RecordType.RP, true)]
    [InlineData(RecordType.AFSDB, true)]
    [InlineData(RecordType.NAPTR, true)]
    [InlineData(RecordType.SRV, true)]
    [InlineData(RecordType.DNAME, true)]
    [InlineData(RecordType.KX, false)]
    [InlineData(RecordType.RRSIG, false)]
    [InlineData(RecordType.NSEC, false)]
    [InlineData(RecordType.SVCB, false)]
    [InlineData(RecordType.HTTPS, false)]
    public void Read_PointerInRData_IsExpandedOnlyWhereRfc3597Allows(RecordType type, bool expanded)
    {
        // A message whose question holds "example.com." at offset 12; the record's RDATA then points at it.
        byte[] prefix = type switch
        {
            RecordType.RP => [],
            RecordType.AFSDB or RecordType.KX => [0, 1],
            RecordType.NAPTR => [0, 1, 0, 2, 0, 0, 0],
            RecordType.SRV => [0, 1, 0, 2, 0, 3],
            RecordType.RRSIG => [0, 1, 8, 2, 0, 0, 0, 60, 0, 0, 0, 2, 0, 0, 0, 1, 0, 7],
            RecordType.SVCB or RecordType.HTTPS => [0, 1],
            _ => [],
        };
        byte[] suffix = type switch
        {
            RecordType.RP => [0xC0, 12],
            RecordType.RRSIG => [1, 2, 3],
            RecordType.NSEC => [0, 1, 0x40],
            _ => [],
        };
        byte[] question = [7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1];
        byte[] rdata = [.. prefix, 0xC0, 12, .. suffix];
        byte[] record = [0xC0, 12, (byte)((ushort)type >> 8), (byte)type, 0, 1, 0, 0, 0, 60, 0, (byte)rdata.Length, .. rdata];
        byte[] message = [0, 1, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0, .. question, .. record];

        var status = DnsMessage.TryParse(message, out var read);

        Assert.Equal(expanded ? ParseStatus.Ok : ParseStatus.BadRecordData, status);
        if (expanded)
            Assert.Contains("example.com.", read!.Answers[0].Data.ToString(), StringComparison.Ordinal);
    }
}
