using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Tsig;

/// <summary>Long signed responses (RFC 8945 §5.3.1): the chain of MACs, and how many unsigned messages a client accepts.</summary>
public sealed class TsigStreamTests
{
    [Fact]
    public void Stream_NinetyNineUnsignedBetweenSignedMessages_IsAccepted()
    {
        var (server, client) = Exchanges();
        using (server)
        using (client)
        {
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
            for (int i = 1; i <= TsigClientExchange.MaxUnsignedRun; i++)
            {
                var unsigned = Message(i);
                server.AddUnsigned(unsigned);
                Assert.Equal(TsigResponseCheck.Unsigned, client.Verify(unsigned));
            }
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(100))));
            Assert.Equal(TsigResponseCheck.Valid, client.Complete());
        }
    }

    [Fact]
    public void Stream_HundredthUnsignedInARow_IsMissing()
    {
        var (server, client) = Exchanges();
        using (server)
        using (client)
        {
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
            for (int i = 1; i < 100; i++)
                Assert.Equal(TsigResponseCheck.Unsigned, client.Verify(Message(i)));
            Assert.Equal(TsigResponseCheck.Missing, client.Verify(Message(100)));
        }
    }

    [Fact]
    public void Stream_FirstMessageUnsigned_IsMissing()
    {
        var (server, client) = Exchanges();
        using (server)
        using (client)
            Assert.Equal(TsigResponseCheck.Missing, client.Verify(Message(0)));
    }

    [Fact]
    public void Stream_EndingOnAnUnsignedMessage_IsIncomplete()
    {
        var (server, client) = Exchanges();
        using (server)
        using (client)
        {
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
            Assert.Equal(TsigResponseCheck.Unsigned, client.Verify(Message(1)));
            Assert.Equal(TsigResponseCheck.Missing, client.Complete());
        }
    }

    [Fact]
    public void Stream_UnsignedMessageLeftOut_BreaksTheNextMac()
    {
        var (server, client) = Exchanges();
        using (server)
        using (client)
        {
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
            server.AddUnsigned(Message(1)); // sent by the server, never seen by the client
            Assert.Equal(TsigResponseCheck.BadSig, client.Verify(TsigTestKeys.SignResponse(server, Message(2))));
        }
    }

    [Fact]
    public void Stream_SignedWithAnotherKey_IsBadKey()
    {
        var clock = new FakeClock();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 7).Encode();
        var (_, client) = TsigTestKeys.SignRequest(query, TsigTestKeys.Key(), clock);
        var other = TsigTestKeys.Key(name: "other-key");
        var (otherSigned, otherClient) = TsigTestKeys.SignRequest(query, other, clock);
        otherClient.Dispose();
        using var server = TsigServerExchange.Verify(otherSigned, TsigTestKeys.Ring(other), clock).Exchange!;
        using (client)
            Assert.Equal(TsigResponseCheck.BadKey, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
    }

    [Fact]
    public void Stream_ResponseSignedOutsideTheFudge_IsBadTime()
    {
        var clientClock = new FakeClock();
        var serverClock = new FakeClock();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 7).Encode();
        var (signed, client) = TsigTestKeys.SignRequest(query, TsigTestKeys.Key(), clientClock);
        var verification = TsigServerExchange.Verify(signed, TsigTestKeys.Ring(TsigTestKeys.Key()), serverClock);
        using var server = verification.Exchange!;
        using (client)
        {
            Assert.Equal(TsigResponseCheck.Valid, client.Verify(TsigTestKeys.SignResponse(server, Message(0))));
            serverClock.Advance(TimeSpan.FromMinutes(6));
            Assert.Equal(TsigResponseCheck.BadTime, client.Verify(TsigTestKeys.SignResponse(server, Message(1))));
        }
    }

    private static (TsigServerExchange Server, TsigClientExchange Client) Exchanges()
    {
        var clock = new FakeClock();
        var query = DnsMessage.Query("example.com.", RecordType.AXFR, id: 7).Encode();
        var (signed, client) = TsigTestKeys.SignRequest(query, TsigTestKeys.Key(), clock);
        var verification = TsigServerExchange.Verify(signed, TsigTestKeys.Ring(TsigTestKeys.Key()), clock);
        Assert.Equal(TsigStatus.Valid, verification.Status);
        return (verification.Exchange!, client);
    }

    /// <summary>A small response message, different for each <paramref name="index"/>.</summary>
    private static byte[] Message(int index)
    {
        var message = new DnsMessage();
        message.Header.Id = 7;
        message.Header.IsResponse = true;
        message.Answers.Add(new ResourceRecord(DnsName.Parse($"n{index}.example.com."), 1, 300,
            new AddressData(new System.Net.IPAddress([127, 0, (byte)(index >> 8), (byte)index]))));
        return message.Encode();
    }
}
