using DnsLb.Protocol;

namespace DnsLb.Tests.Protocol;

/// <summary>Malformed wire input is a parse result, never an exception and never an endless loop.</summary>
public sealed class MalformedMessageTests
{
    private static byte[] ValidResponse()
    {
        var message = DnsMessage.Query("www.example.com.", RecordType.A, 9, ednsPayload: 1232);
        message.Header.IsResponse = true;
        message.Answers.Add(new ResourceRecord(DnsName.Parse("www.example.com."), 1, 60,
            new DnsLb.Protocol.RecordData.NameData(RecordType.CNAME, DnsName.Parse("web.example.com."))));
        message.Answers.Add(new ResourceRecord(DnsName.Parse("web.example.com."), 1, 60,
            new DnsLb.Protocol.RecordData.MxData(10, DnsName.Parse("mail.example.com."))));
        return message.Encode();
    }

    [Fact]
    public void TryParse_EveryTruncationOfAValidMessage_FailsCleanly()
    {
        var bytes = ValidResponse();
        Assert.Equal(ParseStatus.Ok, DnsMessage.TryParse(bytes, out _));
        for (int length = 0; length < bytes.Length; length++)
        {
            var status = DnsMessage.TryParse(bytes.AsSpan(0, length), out var message);
            Assert.NotEqual(ParseStatus.Ok, status);
            Assert.Null(message);
        }
    }

    [Fact]
    public void ReadName_PointerToItself_IsRejected()
    {
        byte[] message = [.. new byte[12], 0xC0, 12];
        int offset = 12;
        Assert.Equal(ParseStatus.BadPointer, WireName.TryRead(message, ref offset, new byte[255], out _));
    }

    [Fact]
    public void ReadName_PointerLoopBetweenTwoNames_IsRejected()
    {
        // offset 12: label "a" then pointer to 16; offset 16: label "b" then pointer back to 12.
        byte[] message = [.. new byte[12], 1, (byte)'a', 0xC0, 16, 1, (byte)'b', 0xC0, 12];
        int offset = 16;
        var status = WireName.TryRead(message, ref offset, new byte[255], out _);
        Assert.NotEqual(ParseStatus.Ok, status);
    }

    [Fact]
    public void ReadName_ForwardPointer_IsRejected()
    {
        byte[] message = [.. new byte[12], 0xC0, 14, 1, (byte)'a', 0];
        int offset = 12;
        Assert.Equal(ParseStatus.BadPointer, WireName.TryRead(message, ref offset, new byte[255], out _));
    }

    [Fact]
    public void ReadName_BackwardPointer_IsFollowed()
    {
        byte[] message = [.. new byte[12], 1, (byte)'a', 0, 1, (byte)'b', 0xC0, 12];
        int offset = 15;
        var buffer = new byte[255];
        Assert.Equal(ParseStatus.Ok, WireName.TryRead(message, ref offset, buffer, out int length));
        Assert.Equal("b.a.", DnsName.FromWire(buffer.AsSpan(0, length)).ToString());
        Assert.Equal(message.Length, offset);
    }

    [Fact]
    public void ReadName_LabelLongerThan63_IsRejected()
    {
        // 0x40 is the (unused) extended label type: a length byte of 64 is not a label.
        byte[] message = [.. new byte[12], 64, .. new byte[64], 0];
        int offset = 12;
        Assert.NotEqual(ParseStatus.Ok, WireName.TryRead(message, ref offset, new byte[255], out _));
    }

    [Fact]
    public void ReadName_LongerThan255Octets_IsRejected()
    {
        var labels = new List<byte>();
        for (int i = 0; i < 5; i++)
            labels.AddRange([63, .. Enumerable.Repeat((byte)'a', 63)]);
        byte[] message = [.. new byte[12], .. labels, 0];
        int offset = 12;
        Assert.Equal(ParseStatus.NameTooLong, WireName.TryRead(message, ref offset, new byte[255], out _));
    }

    [Fact]
    public void ReadName_LongNameBuiltFromPointers_IsRejected()
    {
        // Each name adds a 63-byte label in front of the previous one through a pointer: the fifth is too long.
        var message = new List<byte>(new byte[12]);
        int previous = -1;
        for (int i = 0; i < 5; i++)
        {
            int start = message.Count;
            message.Add(63);
            message.AddRange(Enumerable.Repeat((byte)'a', 63));
            if (previous < 0)
                message.Add(0);
            else
                message.AddRange([(byte)(0xC0 | (previous >> 8)), (byte)previous]);
            previous = start;
        }
        int offset = previous;
        Assert.Equal(ParseStatus.NameTooLong, WireName.TryRead(message.ToArray(), ref offset, new byte[255], out _));
    }

    [Fact]
    public void TryParse_CountsLargerThanTheMessage_FailsCleanly()
    {
        var bytes = ValidResponse();
        foreach (int countOffset in new[] { 4, 6, 8, 10 })
        {
            var copy = (byte[])bytes.Clone();
            copy[countOffset] = 0xFF;
            copy[countOffset + 1] = 0xFF;
            Assert.NotEqual(ParseStatus.Ok, DnsMessage.TryParse(copy, out _));
        }
    }

    [Fact]
    public void TryParse_RdLengthPastTheEnd_FailsCleanly()
    {
        var bytes = ValidResponse();
        // The first answer's RDLENGTH sits right after the question (12 + 17 + 4) and the owner pointer, type, class, TTL.
        int rdLength = 12 + 17 + 4 + 2 + 8;
        bytes[rdLength] = 0xFF;
        Assert.NotEqual(ParseStatus.Ok, DnsMessage.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(12345);
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (bytes.Length > 5 && random.Next(2) == 0)
                bytes[4] = 0; // small counts are more interesting
            _ = DnsMessage.TryParse(bytes, out _);
        }
    }

    [Fact]
    public void TryParse_MutatedValidMessages_NeverThrow()
    {
        var random = new Random(54321);
        var valid = ValidResponse();
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (int flips = random.Next(1, 6); flips > 0; flips--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            _ = DnsMessage.TryParse(bytes, out _);
        }
    }
}
