using System.Net;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol;

/// <summary>
/// An RRset's records share their owner, so the writer compresses it once and points the other records at
/// that place (the ownerPointer overload of TryWriteRecord). The message must come out byte for byte as when
/// every record's owner is looked up in the message again: the same pointers, the same names in full where
/// no pointer can reach or the compressor has no room left.
/// </summary>
public sealed class RRSetOwnerCompressionTests
{
    private static readonly RData[] Addresses = [.. Enumerable.Range(1, 5).Select(i => new AddressData(IPAddress.Parse($"127.0.0.{i}")))];

    /// <summary>One message: a question, then each RRset of (owner, records) in turn, records written either way.</summary>
    private static byte[] Write(string question, (string Owner, RData[] Records)[] sets, bool once, int padding = 0)
    {
        var buffer = new byte[65535];
        var writer = new DnsMessageWriter(buffer);
        Assert.True(writer.TryWriteQuestion(DnsName.Parse(question).Wire, RecordType.A, 1));
        if (padding > 0)
        {
            // A TXT record of filler, so what follows starts beyond a pointer's reach (0x3FFF).
            var filler = new TxtData([.. Enumerable.Range(0, padding / 256).Select(_ => Enumerable.Repeat((byte)'x', 255).ToArray())]);
            Assert.True(writer.TryWriteRecord(DnsName.Parse("filler.test.").Wire, RecordType.TXT, 1, 60, filler, MessageSection.Additional));
        }
        foreach (var (owner, records) in sets)
        {
            var wire = DnsName.Parse(owner).Wire;
            int ownerPointer = -1;
            foreach (var data in records)
            {
                bool written = once
                    ? writer.TryWriteRecord(wire, ref ownerPointer, data.Type, 1, 300, data, MessageSection.Answer)
                    : writer.TryWriteRecord(wire, data.Type, 1, 300, data, MessageSection.Answer);
                Assert.True(written);
            }
        }
        return buffer[..writer.Finish()];
    }

    public static TheoryData<string, string[]> Cases => new()
    {
        { "twopir.example.com.", ["twopir.example.com."] },                   // the owner is the question: a pointer to it
        { "www.example.com.", ["twopir.example.com."] },                      // partly: a label, then a pointer
        { "example.com.", ["mail.other.test."] },                             // nowhere before: in full, then pointers to it
        { "example.com.", ["a.example.com.", "b.example.com.", "a.example.com."] },
        { ".", ["."] },                                                       // the root has nothing to point at
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AddressSets_ComeOutAsWhenEveryOwnerIsLookedUp(string question, string[] owners)
    {
        var sets = owners.Select(o => (o, Addresses)).ToArray();
        Assert.Equal(Write(question, sets, once: false), Write(question, sets, once: true));
    }

    [Fact]
    public void SetsWithNamesInTheirData_ComeOutAsWhenEveryOwnerIsLookedUp()
    {
        RData[] exchanges = [new MxData(10, DnsName.Parse("mail.example.com.")), new MxData(20, DnsName.Parse("example.com."))];
        var sets = new[] { ("example.com.", exchanges), ("mail.example.com.", Addresses) };
        Assert.Equal(Write("example.com.", sets, once: false), Write("example.com.", sets, once: true));
    }

    [Fact]
    public void SetsBeyondAPointersReach_ComeOutAsWhenEveryOwnerIsLookedUp()
    {
        var sets = new[] { ("far.example.com.", Addresses), ("twopir.example.com.", Addresses) };
        Assert.Equal(Write("twopir.example.com.", sets, once: false, padding: 20_000), Write("twopir.example.com.", sets, once: true, padding: 20_000));
    }

    [Fact]
    public void SetsAfterTheCompressorIsFull_ComeOutAsWhenEveryOwnerIsLookedUp()
    {
        // Each owner remembers a new label; past NameCompressor.Capacity new names are written in full.
        var sets = Enumerable.Range(0, 80).Select(i => ($"n{i}.example.com.", Addresses[..2])).ToArray();
        Assert.Equal(Write("example.com.", sets, once: false), Write("example.com.", sets, once: true));
    }
}
