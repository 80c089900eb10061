using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>Responses written by our writer, read back by our reader: whole ones accepted, every kind of broken one rejected whole.</summary>
public sealed class TransferStreamReaderTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.com.");

    private static (TransferFeed Feed, TransferStreamReader Reader) Read(IEnumerable<byte[]> messages, RecordType type = RecordType.AXFR, uint? serial = null,
        TsigClientExchange? tsig = null, int maxRecords = TransferStreamReader.DefaultMaxRecords)
    {
        var reader = new TransferStreamReader(Zone, type, 0x4242, serial, tsig, maxRecords);
        var feed = TransferFeed.NeedMore;
        foreach (var message in messages)
        {
            feed = reader.Feed(message);
            if (feed != TransferFeed.NeedMore)
                return (feed, reader);
        }
        return (reader.End(), reader);
    }

    [Fact]
    public void Axfr_OfAZoneSpanningManyMessages_GivesEveryRecordBack()
    {
        var zone = TransferZones.Large(4000);
        var messages = TransferStreams.Write(TransferStreams.Axfr(), zone);
        Assert.True(messages.Count > 2);
        var (feed, reader) = Read(messages);
        Assert.Equal(TransferFeed.Complete, feed);
        var content = reader.Content!;
        Assert.Equal(TransferKind.Full, content.Kind);
        Assert.Equal(KdigRecords.Lines(zone), content.Records.Select(r => KdigRecords.Line(r.Owner, r.Ttl, r.Data)));
        Assert.All(messages, m => Assert.True(m.Length <= ushort.MaxValue));
    }

    [Fact]
    public void Axfr_EveryMessageButTheFirst_HasNoQuestionAndTheFirstCopiesIt()
    {
        var messages = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Large(3000));
        var parsed = messages.Select(DnsLb.Tests.Support.DnsTestClient.Parse).ToList();
        Assert.Equal("example.com.", Assert.Single(parsed[0].Questions).Name.ToString());
        Assert.All(parsed.Skip(1), m => Assert.Empty(m.Questions));
        Assert.All(parsed, m => Assert.True(m.Header.IsAuthoritative && m.Header.IsResponse && m.Header.Id == 0x4242));
    }

    [Fact]
    public void Ixfr_ThroughTwoSteps_GivesTheStepsBack()
    {
        var served = TransferZones.Served(TransferZones.Version(1))
            .Next(TransferZones.Version(2, "new1 IN A 127.0.0.21"))
            .Next(TransferZones.Version(3, "new2 IN A 127.0.0.22"));
        var (feed, reader) = Read(TransferStreams.Write(TransferStreams.Ixfr(1), served), RecordType.IXFR, 1);
        Assert.Equal(TransferFeed.Complete, feed);
        var content = reader.Content!;
        Assert.Equal(TransferKind.Incremental, content.Kind);
        Assert.Equal(3u, content.Serial);
        Assert.Equal([(1u, 2u), (2u, 3u)], content.Steps.Select(s => (s.FromSerial, s.ToSerial)));
        Assert.Equal("new1.example.com.", Assert.Single(content.Steps[0].Added).Owner.ToString());
        Assert.Empty(content.Steps[0].Removed);
        Assert.Equal(["new1.example.com."], content.Steps[1].Removed.Select(r => r.Owner.ToString()));
        Assert.Equal(["new2.example.com."], content.Steps[1].Added.Select(r => r.Owner.ToString()));
    }

    [Fact]
    public void Ixfr_AnsweredWithTheWholeZone_IsAFullTransfer()
    {
        var served = TransferZones.Served(TransferZones.Version(9));
        var (feed, reader) = Read(TransferStreams.Write(TransferStreams.Ixfr(3), served), RecordType.IXFR, 3);
        Assert.Equal(TransferFeed.Complete, feed);
        Assert.Equal(TransferKind.Full, reader.Content!.Kind);
        Assert.Equal(served.Zone.RecordCount, reader.Content.Records.Count);
    }

    [Fact]
    public void Ixfr_AtOurSerial_IsUpToDate()
    {
        var served = TransferZones.Served(TransferZones.Version(9));
        var messages = TransferStreams.Write(TransferStreams.Ixfr(9), served);
        var (feed, reader) = Read(messages, RecordType.IXFR, 9);
        Assert.Equal(TransferFeed.Complete, feed);
        Assert.Equal(TransferKind.UpToDate, reader.Content!.Kind);
    }

    [Fact]
    public void Signed_StreamFromOurWriter_PassesTheClientsChecks()
    {
        var clock = new FakeClock();
        var key = TsigTestKeys.Key();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 0x4242).Encode();
        var (signed, client) = TsigTestKeys.SignRequest(query, key, clock);
        using var server = TsigServerExchange.Verify(signed, TsigTestKeys.Ring(key), clock).Exchange!;
        var messages = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Served(TransferZones.Large(3000)), server);
        using (client)
            Assert.Equal(TransferFeed.Complete, Read(messages, tsig: client).Feed);
    }

    [Fact]
    public void Signed_OneMessageAltered_IsRejected()
    {
        var clock = new FakeClock();
        var key = TsigTestKeys.Key();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 0x4242).Encode();
        var (signed, client) = TsigTestKeys.SignRequest(query, key, clock);
        using var server = TsigServerExchange.Verify(signed, TsigTestKeys.Ring(key), clock).Exchange!;
        var messages = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Served(TransferZones.Large(3000)), server);
        messages[1][200] ^= 0x01;
        using (client)
        {
            var (feed, reader) = Read(messages, tsig: client);
            Assert.Equal(TransferFeed.Failed, feed);
            Assert.Contains("TSIG", reader.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unsigned_WhenWeSigned_IsRejected()
    {
        var clock = new FakeClock();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 0x4242).Encode();
        var (_, client) = TsigTestKeys.SignRequest(query, TsigTestKeys.Key(), clock);
        using (client)
        {
            var (feed, reader) = Read(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)), tsig: client);
            Assert.Equal(TransferFeed.Failed, feed);
            Assert.Contains("without the TSIG", reader.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cut_BeforeTheFinalSoa_IsRejected()
    {
        var messages = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Large(3000));
        var (feed, reader) = Read(messages.Take(messages.Count - 1));
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("before the final SOA", reader.Error, StringComparison.Ordinal);
        Assert.Null(reader.Content);
    }

    [Fact]
    public void Missing_FinalSoa_IsRejected()
    {
        var zone = TransferZones.Version(1);
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), zone).Single());
        message.Answers.RemoveAt(message.Answers.Count - 1);
        Assert.Equal(TransferFeed.Failed, Read([message.Encode()]).Feed);
    }

    [Fact]
    public void Records_AfterTheFinalSoa_AreRejected()
    {
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single());
        message.Answers.Add(Record("late.example.com.", "127.0.0.9"));
        var (feed, reader) = Read([message.Encode()]);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("after the final SOA", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_AfterTheFinalSoa_IsRejected()
    {
        var messages = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1));
        var reader = new TransferStreamReader(Zone, RecordType.AXFR, 0x4242, null, null);
        Assert.Equal(TransferFeed.Complete, reader.Feed(messages[0]));
        Assert.Equal(TransferFeed.Failed, reader.Feed(messages[0]));
        Assert.Null(reader.Content);
    }

    [Theory]
    [InlineData("www.example.org.", "outside the zone")]
    [InlineData("example.com.evil.", "outside the zone")]
    public void Record_OutsideTheZone_IsRejected(string owner, string error)
    {
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single());
        message.Answers.Insert(2, Record(owner, "127.0.0.9"));
        var (feed, reader) = Read([message.Encode()]);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains(error, reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_OfClassChaos_IsRejected()
    {
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single());
        message.Answers.Insert(2, new ResourceRecord(DnsName.Parse("x.example.com."), (ushort)RecordClass.CH, 0, new AddressData(System.Net.IPAddress.Loopback)));
        Assert.Equal(TransferFeed.Failed, Read([message.Encode()]).Feed);
    }

    [Fact]
    public void Response_ToAnotherId_IsRejected()
    {
        var message = TransferStreams.Write(TransferStreams.Axfr(id: 7), TransferZones.Version(1)).Single();
        Assert.Equal(TransferFeed.Failed, Read([message]).Feed);
    }

    [Fact]
    public void Response_ForAnotherZone_IsRejected()
    {
        var zone = TransferZones.Parse(TransferZones.Example.Replace("example.com.", "example.net.", StringComparison.Ordinal), "example.net");
        var (feed, reader) = Read(TransferStreams.Write(TransferStreams.Axfr("example.net."), zone));
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("another question", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_WithAnErrorCode_IsRejectedAndSaysWhich()
    {
        var message = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single();
        message[3] = (byte)((message[3] & 0xF0) | (int)ResponseCode.Refused);
        var (feed, reader) = Read([message]);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("REFUSED", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_NotStartingWithTheSoa_IsRejected()
    {
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single());
        (message.Answers[0], message.Answers[1]) = (message.Answers[1], message.Answers[0]);
        Assert.Equal(TransferFeed.Failed, Read([message.Encode()]).Feed);
    }

    [Fact]
    public void Axfr_WithASecondSoaOfAnotherSerial_IsRejected()
    {
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single());
        var last = message.Answers[^1];
        var soa = (SoaData)last.Data;
        message.Answers[^1] = last with { Data = new SoaData(soa.Primary, soa.Mailbox, 2, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum) };
        var (feed, reader) = Read([message.Encode()]);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("serial 2", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ixfr_StepsThatDoNotChain_AreRejected()
    {
        var served = TransferZones.Served(TransferZones.Version(1))
            .Next(TransferZones.Version(2, "new1 IN A 127.0.0.21"))
            .Next(TransferZones.Version(3, "new2 IN A 127.0.0.22"));
        var message = DnsLb.Tests.Support.DnsTestClient.Parse(TransferStreams.Write(TransferStreams.Ixfr(1), served).Single());
        // The second step's old SOA (serial 2) becomes serial 5.
        int index = message.Answers.FindIndex(4, r => r.Data is SoaData { Serial: 2 });
        var soa = (SoaData)message.Answers[index].Data;
        message.Answers[index] = message.Answers[index] with { Data = new SoaData(soa.Primary, soa.Mailbox, 5, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum) };
        var (feed, reader) = Read([message.Encode()], RecordType.IXFR, 1);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("where the one before ended", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_BeyondTheLimit_AreRejected()
    {
        var (feed, reader) = Read(TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Large(100)), maxRecords: 50);
        Assert.Equal(TransferFeed.Failed, feed);
        Assert.Contains("more than 50 records", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_Truncated_IsRejected()
    {
        var message = TransferStreams.Write(TransferStreams.Axfr(), TransferZones.Version(1)).Single();
        Assert.Equal(TransferFeed.Failed, Read([message[..^5]]).Feed);
        var header = message.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) | 0x0200));
        Assert.Equal(TransferFeed.Failed, Read([header]).Feed);
    }

    private static ResourceRecord Record(string owner, string address) =>
        new(DnsName.Parse(owner), (ushort)RecordClass.IN, 300, new AddressData(System.Net.IPAddress.Parse(address)));
}
