using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Tsig;

/// <summary>Our TSIG against dnspython's bytes: the same MACs on requests and on a two-message response, both ways.</summary>
public sealed class TsigVectorTests
{
    public static TheoryData<string> Algorithms => ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha1"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignRequest_AtTheVectorTime_GivesDnspythonsBytes(string algorithm)
    {
        var vector = TsigVectors.For(algorithm);
        var expected = Convert.FromHexString(vector.Request);
        var (signed, exchange) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(expected), TsigTestKeys.Key(algorithm), new FakeClock());
        exchange.Dispose();
        Assert.Equal(expected, signed);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_DnspythonsRequest_IsValid(string algorithm)
    {
        var key = TsigTestKeys.Key(algorithm);
        var verification = TsigServerExchange.Verify(Convert.FromHexString(TsigVectors.For(algorithm).Request), TsigTestKeys.Ring(key), new FakeClock());
        using var exchange = verification.Exchange;
        Assert.Equal(TsigStatus.Valid, verification.Status);
        Assert.Same(key, verification.Key);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignResponse_BothMessages_GiveDnspythonsBytes(string algorithm)
    {
        var vector = TsigVectors.For(algorithm);
        var verification = TsigServerExchange.Verify(Convert.FromHexString(vector.Request), TsigTestKeys.Ring(TsigTestKeys.Key(algorithm)), new FakeClock());
        using var exchange = verification.Exchange!;
        var first = Convert.FromHexString(vector.Response1);
        var second = Convert.FromHexString(vector.Response2);
        Assert.Equal(first, TsigTestKeys.SignResponse(exchange, TsigTestKeys.Unsigned(first)));
        Assert.Equal(second, TsigTestKeys.SignResponse(exchange, TsigTestKeys.Unsigned(second)));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void VerifyResponse_DnspythonsStream_IsValidToTheEnd(string algorithm)
    {
        var vector = TsigVectors.For(algorithm);
        var clock = new FakeClock();
        var (_, exchange) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(Convert.FromHexString(vector.Request)), TsigTestKeys.Key(algorithm), clock);
        using (exchange)
        {
            Assert.Equal(TsigResponseCheck.Valid, exchange.Verify(Convert.FromHexString(vector.Response1)));
            Assert.Equal(TsigResponseCheck.Valid, exchange.Verify(Convert.FromHexString(vector.Response2)));
            Assert.Equal(TsigResponseCheck.Valid, exchange.Complete());
        }
    }

    [Fact]
    public void VerifyResponse_SecondMessageAltered_IsBadSig()
    {
        var vector = TsigVectors.For("hmac-sha256");
        var (_, exchange) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(Convert.FromHexString(vector.Request)), TsigTestKeys.Key(), new FakeClock());
        using (exchange)
        {
            var second = Convert.FromHexString(vector.Response2);
            second[^100] ^= 1; // inside the A record's address or the SOA
            Assert.Equal(TsigResponseCheck.Valid, exchange.Verify(Convert.FromHexString(vector.Response1)));
            Assert.Equal(TsigResponseCheck.BadSig, exchange.Verify(second));
        }
    }

    [Fact]
    public void VerifyResponse_MessagesSwapped_IsBadSig()
    {
        var vector = TsigVectors.For("hmac-sha256");
        var (_, exchange) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(Convert.FromHexString(vector.Request)), TsigTestKeys.Key(), new FakeClock());
        using (exchange)
            Assert.Equal(TsigResponseCheck.BadSig, exchange.Verify(Convert.FromHexString(vector.Response2)));
    }
}
