using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Tests.Support;
using DnsLb.Transfer.Identity;

namespace DnsLb.Tests.Transfer.Identity;

/// <summary>Which instance answered: NSID (RFC 5001) and id.server / hostname.bind CH TXT (RFC 4892), checked with dig and kdig.</summary>
public sealed class IdentityTests
{
    [Fact]
    public void Identity_NotConfigured_IsTheHostName() => Assert.Equal(Environment.MachineName, new ServerIdentity(null).Text);

    [Fact]
    public void Identity_Configured_IsKept() => Assert.Equal("pi-one", new ServerIdentity(" pi-one ").Text);

    [Fact]
    public void Identity_TooLong_IsCutAtACharacterBoundary()
    {
        var identity = new ServerIdentity(new string('a', 254) + "é" + "tail");
        Assert.Equal(254, identity.Bytes.Length); // "é" takes two bytes: it would end at 256
        Assert.Equal(254, identity.TxtRdata[0]);
    }

    [Theory]
    [InlineData("id.server.", RecordType.TXT, RecordClass.CH, true)]
    [InlineData("ID.Server.", RecordType.TXT, RecordClass.CH, true)]
    [InlineData("hostname.bind.", RecordType.TXT, RecordClass.CH, true)]
    [InlineData("hostname.bind.", RecordType.ANY, RecordClass.CH, true)]
    [InlineData("id.server.", RecordType.TXT, RecordClass.IN, false)]
    [InlineData("version.bind.", RecordType.TXT, RecordClass.CH, false)]
    [InlineData("id.server.", RecordType.A, RecordClass.CH, false)]
    [InlineData("x.id.server.", RecordType.TXT, RecordClass.CH, false)]
    public void IsIdentityQuestion_OnlyThoseTwoNamesInChaos(string name, RecordType type, RecordClass recordClass, bool expected) =>
        Assert.Equal(expected, ChaosIdentity.IsIdentityQuestion(DnsName.Parse(name).Wire, type, (ushort)recordClass));

    [Theory]
    [InlineData("", false)]
    [InlineData("00030000", true)]
    [InlineData("000a0008" + "0102030405060708" + "00030000", true)] // a cookie, then NSID
    [InlineData("000a0008" + "01020304050607", false)]             // a cut option list asks for nothing
    [InlineData("000f0002" + "0000", false)]
    public void Nsid_IsRequested_OnlyByAnNsidOption(string optRdata, bool expected) =>
        Assert.Equal(expected, Nsid.IsRequested(Convert.FromHexString(optRdata)));

    [Fact]
    public void Answers_AllocateNothing()
    {
        var identity = new ServerIdentity("pi-one");
        var buffer = new byte[512];
        var name = DnsName.Parse("id.server.").Wire.ToArray();
        Write(buffer, name, identity);
        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int i = 0; i < 100; i++)
                Write(buffer, name, identity);
        }));

        static void Write(byte[] buffer, byte[] name, ServerIdentity identity)
        {
            var writer = new DnsMessageWriter(buffer);
            writer.TryWriteQuestion(name, RecordType.TXT, (ushort)RecordClass.CH);
            if (ChaosIdentity.IsIdentityQuestion(name, RecordType.TXT, (ushort)RecordClass.CH) && Nsid.IsRequested([0, 3, 0, 0]))
            {
                ChaosIdentity.TryWriteAnswer(ref writer, name, identity);
                Nsid.TryWriteOpt(ref writer, 0, false, identity);
            }
            writer.Finish();
        }
    }

    [Fact]
    public void Answer_IsOneChaosTxtWithTtlZero()
    {
        var query = DnsMessage.Query("id.server.", RecordType.TXT);
        query.Questions[0] = query.Questions[0] with { Class = (ushort)RecordClass.CH };
        var answer = DnsTestClient.Parse(IdentityResponder.Answer(query.Encode(), new ServerIdentity("pi-one"))!);
        var record = Assert.Single(answer.Answers);
        Assert.Equal((ushort)RecordClass.CH, record.Class);
        Assert.Equal(0u, record.Ttl);
        Assert.Equal("\"pi-one\"", ((TxtData)record.Data).ToString());
        Assert.True(answer.Header.IsAuthoritative);
    }

    [Theory]
    [InlineData("dig")]
    [InlineData("kdig")]
    public async Task Clients_AskingForTheIdentity_SeeIt(string client)
    {
        var identity = new ServerIdentity("dnslb-pi-one");
        await using var server = new LoopbackResponder((query, _, _) => IdentityResponder.Answer(query, identity));
        var port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tool = ExternalTool.Require(client, client == "dig" ? "bind9-dnsutils" : "knot-dnsutils");

        var (_, txt, _) = ExternalTool.Run(tool, ["@127.0.0.1", "-p", port, "id.server", "CH", "TXT", "+short"]);
        Assert.Equal("\"dnslb-pi-one\"", txt.Trim());
        var (_, bind, _) = ExternalTool.Run(tool, ["@127.0.0.1", "-p", port, "hostname.bind", "CH", "TXT", "+short"]);
        Assert.Equal("\"dnslb-pi-one\"", bind.Trim());

        var (_, nsid, _) = ExternalTool.Run(tool, ["@127.0.0.1", "-p", port, "+nsid", "id.server", "CH", "TXT"]);
        Assert.Contains("NSID", nsid, StringComparison.Ordinal);
        Assert.Contains("dnslb-pi-one", nsid.Split('\n').Single(l => l.Contains("NSID", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_NotAskingForNsid_GetsNone()
    {
        await using var server = new LoopbackResponder((query, _, _) => IdentityResponder.Answer(query, new ServerIdentity("dnslb-pi-one")));
        var (_, output, _) = ExternalTool.Run(ExternalTool.Require("dig", "bind9-dnsutils"),
            ["@127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "id.server", "CH", "TXT"]);
        Assert.DoesNotContain("NSID", output, StringComparison.Ordinal);
        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
    }
}
