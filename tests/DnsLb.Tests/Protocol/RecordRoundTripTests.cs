using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol;

/// <summary>Every record type written into a message and read back comes out equal.</summary>
public sealed class RecordRoundTripTests
{
    private static readonly DnsName Owner = DnsName.Parse("Host.Example.com.");

    public static TheoryData<string, RData> Records => new()
    {
        { "A", new AddressData(IPAddress.Parse("192.0.2.1")) },
        { "AAAA", new AddressData(IPAddress.Parse("2001:db8::1")) },
        { "NS", new NameData(RecordType.NS, DnsName.Parse("ns1.example.com.")) },
        { "CNAME", new NameData(RecordType.CNAME, DnsName.Parse("target.example.com.")) },
        { "PTR", new NameData(RecordType.PTR, DnsName.Parse("host.example.com.")) },
        { "SOA", new SoaData(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), 2026112101, 3600, 600, 86400, 60) },
        { "MX", new MxData(10, DnsName.Parse("mail.example.com.")) },
        { "TXT", new TxtData([[], "hello world"u8.ToArray(), [0, 1, 255, (byte)'"']]) },
        { "SRV", new SrvData(0, 5, 5060, DnsName.Parse("sip.example.com.")) },
        { "CAA", new CaaData(128, "issue"u8, "ca.example.net; account=1"u8) },
        { "TYPE65280", new UnknownData((RecordType)65280, [10, 0, 0, 1]) },
        { "TYPE65281 empty", new UnknownData((RecordType)65281, []) },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void WriteThenRead_AnyType_GivesTheSameRecord(string label, RData data)
    {
        var message = new DnsMessage();
        message.Header.Id = 77;
        message.Header.IsResponse = true;
        message.Questions.Add(new DnsQuestion(Owner, data.Type));
        // Twice, so the second copy's names are compressed against the first where RFC 3597 allows it.
        message.Answers.Add(new ResourceRecord(Owner, 1, 300, data));
        message.Authorities.Add(new ResourceRecord(DnsName.Parse("other.example.com."), 1, 60, data));

        var bytes = message.Encode();
        Assert.Equal(ParseStatus.Ok, DnsMessage.TryParse(bytes, out var read));

        Assert.Equal(77, read!.Header.Id);
        Assert.Single(read.Answers);
        Assert.Equal(data, read.Answers[0].Data);
        Assert.Equal(data, read.Authorities[0].Data);
        Assert.Equal(data.ToString(), read.Answers[0].Data.ToString(), ignoreCase: true);
        Assert.Equal("host.example.com.", read.Answers[0].Owner.ToString().ToLowerInvariant());
        Assert.Equal(300u, read.Answers[0].Ttl);
        _ = label; // names the case in test results
    }

    [Fact]
    public void Encode_RepeatedNames_CompressesThem()
    {
        var message = new DnsMessage();
        message.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.com."), RecordType.A));
        message.Answers.Add(new ResourceRecord(DnsName.Parse("www.example.com."), 1, 1, new NameData(RecordType.CNAME, DnsName.Parse("web.example.com."))));

        var bytes = message.Encode();

        // Header 12 + question (17 + 4) + owner pointer 2 + fixed 10 + "web" label 4 + pointer 2 = 51.
        Assert.Equal(51, bytes.Length);
    }

    [Fact]
    public void Encode_SrvTarget_IsNeverCompressed()
    {
        var message = new DnsMessage();
        message.Questions.Add(new DnsQuestion(DnsName.Parse("sip.example.com."), RecordType.SRV));
        message.Answers.Add(new ResourceRecord(DnsName.Parse("sip.example.com."), 1, 1, new SrvData(1, 2, 3, DnsName.Parse("sip.example.com."))));

        var bytes = message.Encode();

        // The SRV RDATA ends with the full 17-byte name, not a 2-byte pointer (RFC 2782).
        Assert.Equal((byte)3, bytes[^17]);
        Assert.Equal("sip"u8.ToArray(), bytes[^16..^13]);
        Assert.Equal((byte)0, bytes[^1]);
    }

    [Fact]
    public void NamesCompare_WithoutCase_AndKeepTheirCase()
    {
        var upper = DnsName.Parse("WWW.Example.COM.");
        var lower = DnsName.Parse("www.example.com.");
        Assert.Equal(lower, upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.Equal("WWW.Example.COM.", upper.ToString());
    }

    [Theory]
    [InlineData(@"a\.b.example.", @"a\.b.example.")]
    [InlineData(@"\065bc.", "Abc.")]
    [InlineData(@"sp\032ace.", @"sp\032ace.")]
    [InlineData("@", "example.com.")]
    [InlineData("www", "www.example.com.")]
    [InlineData(".", ".")]
    public void ParseThenFormat_Escapes_RoundTrip(string text, string expected)
    {
        var name = DnsName.Parse(text, DnsName.Parse("example.com."));
        Assert.Equal(expected, name.ToString());
        Assert.Equal(name, DnsName.Parse(name.ToString()));
    }

    [Theory]
    [InlineData("a..b.")]
    [InlineData(@"bad\9.")]
    [InlineData(@"bad\300.")]
    public void Parse_BadName_IsRejected(string text) => Assert.False(DnsName.TryParse(text, null, out _, out _));

    [Fact]
    public void Parse_LabelOf64_IsRejected_AndOf63_Accepted()
    {
        Assert.False(DnsName.TryParse(new string('a', 64) + ".", null, out _, out var error));
        Assert.Contains("63", error);
        Assert.True(DnsName.TryParse(new string('a', 63) + ".", null, out _, out _));
    }

    [Fact]
    public void Parse_NameOver255Octets_IsRejected()
    {
        string label = new('a', 63);
        string name254 = $"{label}.{label}.{label}.{new string('a', 61)}."; // 64*3 + 62 + 1 = 255 octets
        Assert.True(DnsName.TryParse(name254, null, out var ok, out _));
        Assert.Equal(255, ok!.Wire.Length);
        Assert.False(DnsName.TryParse("a" + name254, null, out _, out _));
    }
}
