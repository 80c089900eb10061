using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// RFC 6891 §7: every response to a query with a readable OPT carries an OPT, whatever its rcode; RFC 8914:
/// a name in no zone is REFUSED with Extended DNS Error 20 (Not Authoritative), as Knot DNS answers it.
/// </summary>
public sealed class EdnsResponseTests(EdnsResponseTests.Server server) : IClassFixture<EdnsResponseTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        internal TestServer? Instance { get; private set; }

        public async Task InitializeAsync() => Instance = await TestServer.StartAsync(TestZones.Example());

        public async Task DisposeAsync() => await Instance!.DisposeAsync();
    }

    private int Port => server.Instance!.Port;

    /// <summary>The (code, data) pairs of the response's OPT record.</summary>
    private static List<(ushort Code, byte[] Data)> Options(DnsMessage answer)
    {
        var options = new List<(ushort, byte[])>();
        var rdata = ((UnknownData)answer.Opt!.Data).Bytes;
        while (rdata.Length > 0)
        {
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(rdata);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
            options.Add((code, rdata.Slice(4, length).ToArray()));
            rdata = rdata[(4 + length)..];
        }
        return options;
    }

    /// <summary>A query's wire form with its question section repeated <paramref name="questions"/> times (0 drops it).</summary>
    private static byte[] WithQuestions(int questions)
    {
        var wire = DnsMessage.Query("twopir.example.com.", RecordType.A, 21, ednsPayload: 1232).Encode();
        int questionLength = "twopir.example.com.".Length + 1 + 4;
        var question = wire.AsSpan(DnsHeader.Size, questionLength).ToArray();
        var rest = wire.AsSpan(DnsHeader.Size + questionLength).ToArray();
        var result = wire[..DnsHeader.Size].Concat(Enumerable.Repeat(question, questions).SelectMany(q => q)).Concat(rest).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)questions);
        return result;
    }

    [Theory]
    [InlineData(OpCode.Update)]
    [InlineData(OpCode.IQuery)]
    [InlineData(OpCode.Status)]
    public void Query_WithOtherOpcodeAndEdns_IsNotImp_WithOpt(OpCode opcode)
    {
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 20, ednsPayload: 1232);
        query.Header.OpCode = opcode;
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal((int)ResponseCode.NotImp, answer.ResponseCode);
        Assert.Equal(Edns.OurPayloadSize, answer.Opt!.Class);
        Assert.Empty(Options(answer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Query_WithoutExactlyOneQuestion_ButWithEdns_IsFormErr_WithOpt(int questions)
    {
        var answer = DnsTestClient.Parse(DnsTestClient.UdpRaw(Port, WithQuestions(questions)));
        Assert.Equal((int)ResponseCode.FormErr, answer.ResponseCode);
        Assert.Equal(21, answer.Header.Id);
        Assert.NotNull(answer.Opt);
    }

    [Fact]
    public void Query_WithTwoOptRecords_IsFormErr_WithoutOpt()
    {
        // RFC 6891 §6.1.1: which OPT would we answer? Knot DNS sends none either.
        var query = DnsMessage.Query("twopir.example.com.", RecordType.A, 22, ednsPayload: 1232);
        query.Additionals.Add(query.Additionals[0]);
        var answer = DnsTestClient.Udp(Port, query);
        Assert.Equal((int)ResponseCode.FormErr, answer.ResponseCode);
        Assert.Null(answer.Opt);
    }

    [Theory]
    [InlineData("elsewhere.test.", RecordType.A)]
    [InlineData(".", RecordType.NS)]
    public void Query_ForNameInNoZone_IsRefused_WithExtendedErrorNotAuthoritative(string name, RecordType type)
    {
        foreach (var answer in new[] { DnsTestClient.Udp(Port, name, type), DnsTestClient.Tcp(Port, name, type) })
        {
            Assert.Equal((int)ResponseCode.Refused, answer.ResponseCode);
            var (code, data) = Assert.Single(Options(answer));
            Assert.Equal(15, code);
            Assert.Equal((ushort)ExtendedDnsError.NotAuthoritative, BinaryPrimitives.ReadUInt16BigEndian(data));
            Assert.Equal(2, data.Length);
        }
    }

    [Fact]
    public void Query_ForNameInNoZone_WithoutEdns_HasNoOpt() =>
        Assert.Null(DnsTestClient.Udp(Port, "elsewhere.test.", RecordType.A, edns: null).Opt);

    [Fact]
    public void Query_AnsweredFromAZone_CarriesNoExtendedError() =>
        Assert.Empty(Options(DnsTestClient.Udp(Port, "twopir.example.com.", RecordType.A)));
}
