using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Tsig;

/// <summary>The server's checks of a request (RFC 8945 §5.2) and the error responses it answers them with (§5.3.2).</summary>
public sealed class TsigServerTests
{
    private static byte[] Request => Convert.FromHexString(TsigVectors.For("hmac-sha256").Request);

    private static TsigVerification Verify(byte[] request, FakeClock? clock = null, params TsigKey[] keys) =>
        TsigServerExchange.Verify(request, TsigTestKeys.Ring(keys.Length == 0 ? [TsigTestKeys.Key()] : keys), clock ?? new FakeClock());

    [Fact]
    public void Verify_UnsignedQuery_IsUnsigned()
    {
        var query = DnsMessage.Query("example.com.", RecordType.AXFR).Encode();
        Assert.Equal(TsigStatus.Unsigned, Verify(query).Status);
    }

    [Theory]
    [InlineData(300, TsigStatus.Valid)]
    [InlineData(-300, TsigStatus.Valid)]
    [InlineData(301, TsigStatus.BadTime)]
    [InlineData(-301, TsigStatus.BadTime)]
    public void Verify_ClockAwayFromTimeSigned_IsBadTimeBeyondTheFudge(int seconds, TsigStatus expected)
    {
        var clock = new FakeClock(FakeClock.VectorTime.AddSeconds(seconds));
        var verification = Verify(Request, clock);
        using var exchange = verification.Exchange;
        Assert.Equal(expected, verification.Status);
    }

    [Fact]
    public void Verify_QuestionAltered_IsBadSig()
    {
        var request = Request;
        request[13] = (byte)'f'; // "example" → "fxample"
        Assert.Equal(TsigStatus.BadSig, Verify(request).Status);
    }

    [Fact]
    public void Verify_OtherSecret_IsBadSig() =>
        Assert.Equal(TsigStatus.BadSig, Verify(Request, null, TsigTestKeys.Key(secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l")).Status);

    [Fact]
    public void Verify_UnknownKeyName_IsBadKey() =>
        Assert.Equal(TsigStatus.BadKey, Verify(Request, null, TsigTestKeys.Key(name: "other-key")).Status);

    [Fact]
    public void Verify_KnownKeyUnderAnotherAlgorithm_IsBadKey() =>
        Assert.Equal(TsigStatus.BadKey, Verify(Request, null, TsigTestKeys.Key("hmac-sha512")).Status);

    [Fact]
    public void Verify_KeyNameInOtherCase_IsValid()
    {
        var verification = Verify(Request, null, TsigTestKeys.Key(name: "Transfer-KEY"));
        using var exchange = verification.Exchange;
        Assert.Equal(TsigStatus.Valid, verification.Status);
    }

    [Fact]
    public void Verify_TsigBeforeAnotherAdditionalRecord_IsFormErr()
    {
        // An A record after the TSIG: RFC 8945 §5.2 wants the TSIG last.
        byte[] extra = [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 127, 0, 0, 1];
        var request = Request.Concat(extra).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(10), 2);
        Assert.Equal(TsigStatus.FormErr, Verify(request).Status);
    }

    [Fact]
    public void Verify_TrailingBytes_IsFormErr() => Assert.Equal(TsigStatus.FormErr, Verify([.. Request, 0]).Status);

    [Fact]
    public void Verify_TsigRdataCutShort_IsFormErr()
    {
        var request = Request[..^2];
        Assert.Equal(TsigStatus.FormErr, Verify(request).Status);
    }

    [Theory]
    [InlineData(16, TsigStatus.Valid)]   // half of SHA-256's 32 octets: the shortest RFC 8945 §5.2.2.1 allows
    [InlineData(20, TsigStatus.Valid)]
    [InlineData(15, TsigStatus.FormErr)]
    [InlineData(0, TsigStatus.FormErr)]
    public void Verify_TruncatedMac_IsAcceptedDownToHalfTheHash(int macLength, TsigStatus expected)
    {
        var request = SignTruncated(macLength);
        var verification = Verify(request);
        using var exchange = verification.Exchange;
        Assert.Equal(expected, verification.Status);
    }

    [Fact]
    public void Verify_TruncatedMacAltered_IsBadSig()
    {
        var request = SignTruncated(16);
        request[13] = (byte)'f';
        Assert.Equal(TsigStatus.BadSig, Verify(request).Status);
    }

    [Fact]
    public void ErrorResponse_BadKey_IsUnsignedNotAuthWithTheErrorAndTheQuestion()
    {
        var request = Request;
        var verification = Verify(request, null, TsigTestKeys.Key(name: "other-key"));
        var response = ErrorResponse(request, verification);
        var message = DnsTestClient.Parse(response);
        Assert.Equal((int)ResponseCode.NotAuth, message.Header.ResponseCode);
        Assert.True(message.Header.IsResponse);
        Assert.Equal(0x1234, message.Header.Id);
        Assert.Equal("example.com.", message.Questions.Single().Name.ToString());
        var tsig = Tsig(response);
        Assert.Equal((ushort)TsigError.BadKey, tsig.Error);
        Assert.Empty(tsig.Mac);
        Assert.Equal(FakeClock.VectorTime.ToUnixTimeSeconds(), tsig.TimeSigned); // the request's
    }

    [Fact]
    public void ErrorResponse_BadSig_IsUnsignedAndTheClientSeesTheError()
    {
        var clock = new FakeClock();
        var (request, client) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(Request), TsigTestKeys.Key(secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l"), clock);
        using (client)
        {
            var verification = Verify(request, clock);
            Assert.Equal(TsigStatus.BadSig, verification.Status);
            var response = ErrorResponse(request, verification);
            Assert.Empty(Tsig(response).Mac);
            Assert.Equal(TsigResponseCheck.Rejected, client.Verify(response));
            Assert.Equal(TsigError.BadSig, client.ServerError);
        }
    }

    [Fact]
    public void ErrorResponse_BadTime_IsSignedWithTheServersTimeAndTheClientVerifiesIt()
    {
        var clientClock = new FakeClock();
        var serverClock = new FakeClock(FakeClock.VectorTime.AddMinutes(10));
        var (request, client) = TsigTestKeys.SignRequest(TsigTestKeys.Unsigned(Request), TsigTestKeys.Key(), clientClock);
        using (client)
        {
            var verification = Verify(request, serverClock);
            using var exchange = verification.Exchange;
            Assert.Equal(TsigStatus.BadTime, verification.Status);
            var response = ErrorResponse(request, verification);
            var tsig = Tsig(response);
            Assert.Equal((ushort)TsigError.BadTime, tsig.Error);
            Assert.Equal(FakeClock.VectorTime.ToUnixTimeSeconds(), tsig.TimeSigned); // the client's time (RFC 8945 §5.2.3)
            Assert.Equal(6, tsig.OtherData.Length);
            long serverTime = ((long)BinaryPrimitives.ReadUInt16BigEndian(tsig.OtherData) << 32) | BinaryPrimitives.ReadUInt32BigEndian(tsig.OtherData.AsSpan(2));
            Assert.Equal(serverClock.GetUtcNow().ToUnixTimeSeconds(), serverTime);
            Assert.Equal(TsigResponseCheck.Rejected, client.Verify(response));
            Assert.Equal(TsigError.BadTime, client.ServerError);
        }
    }

    [Fact]
    public void ErrorResponse_MalformedTsig_IsFormErrWithoutTsig()
    {
        var request = Request[..^2];
        var response = ErrorResponse(request, Verify(request));
        Assert.Equal((int)ResponseCode.FormErr, DnsTestClient.Parse(response).Header.ResponseCode);
        Assert.Equal(TsigPresence.Absent, TsigRecord.Locate(response, out _));
    }

    private static byte[] ErrorResponse(byte[] request, TsigVerification verification)
    {
        var buffer = new byte[1024];
        int length = TsigErrorResponse.Write(request, buffer, verification);
        Assert.True(length > 0);
        return buffer[..length];
    }

    private static TsigRecord Tsig(byte[] message)
    {
        Assert.Equal(TsigPresence.Present, TsigRecord.Locate(message, out var record));
        return record!;
    }

    /// <summary>The vector request signed again with its MAC cut to <paramref name="macLength"/> octets.</summary>
    private static byte[] SignTruncated(int macLength)
    {
        var key = TsigTestKeys.Key();
        var unsigned = TsigTestKeys.Unsigned(Request);
        long now = FakeClock.VectorTime.ToUnixTimeSeconds();
        byte[] mac;
        using (var digest = new TsigDigest(key))
        {
            digest.AddMessage(unsigned, 0x1234, tsigCounted: false);
            digest.AddVariables(now, 300, 0, []);
            mac = digest.Finish();
        }
        var buffer = new byte[1024];
        unsigned.CopyTo(buffer, 0);
        Assert.True(TsigRecordWriter.TryAppend(buffer, unsigned.Length, key.Name.Wire, TsigAlgorithms.WireName(key.Algorithm).Wire, now, 300,
            mac.AsSpan(0, macLength), 0x1234, 0, [], out int length));
        return buffer[..length];
    }
}
