using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// Header-level behaviour over real sockets: FORMERR, NOTIMP, dropped responses, EDNS (echo, payload size,
/// BADVERS), truncation and TCP carrying the whole answer, REFUSED outside our zones.
/// </summary>
public sealed class QueryHandlingTests(QueryHandlingTests.Server server) : IClassFixture<QueryHandlingTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        internal TestServer? Instance { get; private set; }

        public async Task InitializeAsync() => Instance = await TestServer.StartAsync(TestZones.Example());

        public async Task DisposeAsync() => await Instance!.DisposeAsync();
    }

    private int Port => server.Instance!.Port;

    [Fact]
    public void Query_PoolName_OverUdpAndTcp_GivesAllThreeAddresses()
    {
        foreach (var answer in new[] { DnsTestClient.Udp(Port, "twopir.example.com.", RecordType.A), DnsTestClient.Tcp(Port, "twopir.example.com.", RecordType.A) })
        {
            Assert.Equal(0, answer.ResponseCode);
            Assert.True(answer.Header.IsAuthoritative);
            Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.13"], answer.Answers.Select(a => a.Data.ToString()).Order());
            Assert.All(answer.Answers, a => Assert.Equal(5u, a.Ttl));
        }
    }

    [Fact]
    public void Query_WithTwoQuestions_IsFormErr()
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 11);
        query.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.com."), RecordType.A));
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal((int)ResponseCode.FormErr, answer.ResponseCode);
        Assert.Equal(11, answer.Header.Id);
        Assert.True(answer.Header.IsResponse);
    }

    [Fact]
    public void Query_WithNoQuestion_IsFormErr()
    {
        var query = new DnsMessage();
        query.Header.Id = 12;
        Assert.Equal((int)ResponseCode.FormErr, DnsTestClient.Udp(Port, query).ResponseCode);
    }

    [Fact]
    public void Query_WithTruncatedQuestion_IsFormErr()
    {
        var bytes = DnsMessage.Query("twopir.example.com.", RecordType.A, 13).Encode();
        var answer = DnsTestClient.Parse(DnsTestClient.UdpRaw(Port, bytes[..^3]));
        Assert.Equal((int)ResponseCode.FormErr, answer.ResponseCode);
        Assert.Equal(13, answer.Header.Id);
        Assert.Empty(answer.Questions);
    }

    [Fact]
    public void Query_WithTwoOptRecords_IsFormErr()
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 14, ednsPayload: 1232);
        query.Additionals.Add(query.Additionals[0]);
        Assert.Equal((int)ResponseCode.FormErr, DnsTestClient.Udp(Port, query).ResponseCode);
    }

    [Theory]
    [InlineData(OpCode.Update)]
    [InlineData(OpCode.IQuery)]
    [InlineData(OpCode.Status)]
    public void Query_WithOtherOpcode_IsNotImp(OpCode opcode)
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 15);
        query.Header.OpCode = opcode;
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal((int)ResponseCode.NotImp, answer.ResponseCode);
        Assert.Equal(opcode, answer.Header.OpCode);
    }

    [Fact]
    public void Response_SentToTheServer_IsDropped_AndTheServerStillAnswers()
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 16);
        query.Header.IsResponse = true;
        Assert.Null(DnsTestClient.TryUdpRaw(Port, query.Encode(), TimeSpan.FromSeconds(1)));
        Assert.Equal(3, DnsTestClient.Udp(Port, "twopir.example.com.", RecordType.A).Answers.Count);
    }

    [Fact]
    public void Query_WithEdnsVersion1_IsBadVers_WithOpt()
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 17);
        query.Additionals.Add(new ResourceRecord(DnsName.Root, 1232, 0x0001_0000, new UnknownData(RecordType.OPT, [])));
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal((int)ResponseCode.BadVers, answer.ResponseCode);
        Assert.Equal(0, answer.Header.ResponseCode);
        Assert.NotNull(answer.Opt);
        Assert.Empty(answer.Answers);
    }

    [Fact]
    public void Query_WithEdns_GetsOptBack_WithOurPayloadSize()
    {
        var answer = DnsTestClient.Udp(Port, "twopir.example.com.", RecordType.A, edns: 4096);
        Assert.Equal(Edns.OurPayloadSize, answer.Opt!.Class);
        Assert.Null(DnsTestClient.Udp(Port, "twopir.example.com.", RecordType.A, edns: null).Opt);
    }

    [Theory]
    [InlineData(null, true)]   // no EDNS: 512 bytes
    [InlineData((ushort)100, true)]  // below 512 counts as 512 (RFC 6891 §6.2.5)
    [InlineData((ushort)512, true)]
    [InlineData((ushort)1232, false)]
    [InlineData((ushort)4096, false)]
    public void Query_ForLargeSet_IsTruncatedOnlyWhenItDoesNotFit(ushort? payload, bool truncated)
    {
        // 40 A records: about 680 bytes with compression.
        var answer = DnsTestClient.Udp(Port, "many.example.com.", RecordType.A, edns: payload);
        Assert.Equal(truncated, answer.Header.IsTruncated);
        Assert.Equal(truncated ? 0 : 40, answer.Answers.Count);
        Assert.Equal("many.example.com.", Assert.Single(answer.Questions).Name.ToString());
    }

    [Fact]
    public void Query_ForLargeSet_OverTcp_IsWhole()
    {
        var answer = DnsTestClient.Tcp(Port, "many.example.com.", RecordType.A, edns: null);
        Assert.False(answer.Header.IsTruncated);
        Assert.Equal(40, answer.Answers.Count);
    }

    [Fact]
    public void Tcp_SeveralQueriesOnOneConnection_AreAllAnswered_InOrder()
    {
        var queries = Enumerable.Range(1, 5)
            .Select(i => DnsMessage.Query(i % 2 == 0 ? "www.example.com." : "twopir.example.com.", RecordType.A, (ushort)(100 + i)).Encode())
            .ToList();
        var answers = DnsTestClient.TcpRaw(Port, queries).Select(DnsTestClient.Parse).ToList();
        Assert.Equal([101, 102, 103, 104, 105], answers.Select(a => (int)a.Header.Id));
        Assert.Equal(4, answers[1].Answers.Count); // CNAME + 3 A
    }

    [Theory]
    [InlineData("elsewhere.test.", RecordType.A)]
    [InlineData("com.", RecordType.SOA)]
    [InlineData(".", RecordType.NS)]
    public void Query_ForNameInNoZone_IsRefused(string name, RecordType type)
    {
        var answer = DnsTestClient.Udp(Port, name, type);
        Assert.Equal((int)ResponseCode.Refused, answer.ResponseCode);
        Assert.False(answer.Header.IsAuthoritative);
    }

    [Fact]
    public void Query_InOtherClass_IsRefused()
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 18);
        query.Questions[0] = query.Questions[0] with { Class = (ushort)RecordClass.CH };
        Assert.Equal((int)ResponseCode.Refused, DnsTestClient.Udp(Port, query).ResponseCode);
    }

    [Fact]
    public void Query_ForZoneTransfer_IsRefused() =>
        Assert.Equal((int)ResponseCode.Refused, DnsTestClient.Tcp(Port, "example.com.", RecordType.AXFR).ResponseCode);

    [Fact]
    public void Query_EchoesTheQuestionCase_AndTheRdFlag()
    {
        var query = DnsMessage.Query("TwoPir.EXAMPLE.com.", RecordType.A, 19, recursionDesired: true);
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal("TwoPir.EXAMPLE.com.", answer.Questions[0].Name.ToString());
        Assert.Equal("TwoPir.EXAMPLE.com.", answer.Answers[0].Owner.ToString());
        Assert.True(answer.Header.RecursionDesired);
        Assert.False(answer.Header.RecursionAvailable);
    }
}
