using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Notify;

/// <summary>Incoming NOTIFY judged as RFC 1996 and RFC 8945 say: refresh for a listed primary, refused or ignored otherwise.</summary>
public sealed class NotifyReceiverTests
{
    private static readonly IPAddress Primary = IPAddress.Parse("127.0.0.2");
    private readonly FakeClock _clock = new();

    private static SecondaryZone Zone(TsigKey? key = null) => new(DnsName.Parse("example.com."), [new IPEndPoint(Primary, 53)], key);

    private byte[] Notify(TsigKey? key = null, string zone = "example.com")
    {
        var buffer = new byte[NotifyMessage.MaxSize];
        int length = NotifyMessage.Write(buffer, 0x3131, TransferZones.Parse(TransferZones.Example.Replace("example.com.", zone + ".", StringComparison.Ordinal), zone), key, _clock, out var exchange);
        exchange?.Dispose();
        return buffer[..length];
    }

    private (NotifyDecision Decision, DnsMessage? Response) Evaluate(byte[] message, IPAddress source, SecondaryZone zone, params TsigKey[] keys)
    {
        var response = new byte[1024];
        var decision = NotifyReceiver.Evaluate(message, source, [zone], TsigTestKeys.Ring(keys), _clock, response);
        return (decision, decision.ResponseLength > 0 ? DnsTestClient.Parse(response[..decision.ResponseLength]) : null);
    }

    [Fact]
    public void Notify_FromTheListedPrimary_RefreshesAndIsAcknowledged()
    {
        var (decision, response) = Evaluate(Notify(), Primary, Zone());
        Assert.Equal(NotifyVerdict.Refresh, decision.Verdict);
        Assert.Equal(1u, decision.HintSerial);
        Assert.Equal("example.com.", decision.Zone!.Origin.ToString());
        Assert.Equal(OpCode.Notify, response!.Header.OpCode);
        Assert.True(response.Header.IsResponse && response.Header.IsAuthoritative);
        Assert.Equal(0, response.Header.ResponseCode);
        Assert.Equal(0x3131, response.Header.Id);
        Assert.Equal(RecordType.SOA, Assert.Single(response.Questions).Type);
    }

    [Fact]
    public void Notify_FromAStranger_IsRefused()
    {
        var (decision, response) = Evaluate(Notify(), IPAddress.Parse("127.0.0.9"), Zone());
        Assert.Equal(NotifyVerdict.Refused, decision.Verdict);
        Assert.Equal((int)ResponseCode.Refused, response!.Header.ResponseCode);
    }

    [Fact]
    public void Notify_ForAnotherZone_IsNotAuth()
    {
        var (decision, response) = Evaluate(Notify(zone: "example.org"), Primary, Zone());
        Assert.Equal(NotifyVerdict.NotAuth, decision.Verdict);
        Assert.Equal((int)ResponseCode.NotAuth, response!.Header.ResponseCode);
    }

    [Fact]
    public void Notify_SignedWithTheZonesKey_RefreshesAndTheAnswerIsSigned()
    {
        var key = TsigTestKeys.Key();
        var message = Notify(key);
        var (decision, response) = Evaluate(message, Primary, Zone(key), key);
        Assert.Equal(NotifyVerdict.Refresh, decision.Verdict);
        Assert.Equal(RecordType.TSIG, response!.Additionals.Single().Type);
    }

    [Fact]
    public void Notify_UnsignedWhereTheZoneHasAKey_IsRefused()
    {
        var key = TsigTestKeys.Key();
        Assert.Equal(NotifyVerdict.Refused, Evaluate(Notify(), Primary, Zone(key), key).Decision.Verdict);
    }

    [Fact]
    public void Notify_SignedWithAnotherKnownKey_IsRefused()
    {
        var key = TsigTestKeys.Key();
        var other = TsigTestKeys.Key(name: "other-key");
        Assert.Equal(NotifyVerdict.Refused, Evaluate(Notify(other), Primary, Zone(key), key, other).Decision.Verdict);
    }

    [Fact]
    public void Notify_WithABadSignature_IsRejectedWithBadSig()
    {
        var key = TsigTestKeys.Key();
        var message = Notify(TsigTestKeys.Key(secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l"));
        var (decision, response) = Evaluate(message, Primary, Zone(key), key);
        Assert.Equal(NotifyVerdict.TsigRejected, decision.Verdict);
        Assert.Equal((int)ResponseCode.NotAuth, response!.Header.ResponseCode);
    }

    [Fact]
    public void Notify_WithoutAQuestion_IsFormErr()
    {
        var message = DnsMessage.Query("example.com.", RecordType.SOA);
        message.Header.OpCode = OpCode.Notify;
        message.Questions.Clear();
        Assert.Equal(NotifyVerdict.FormErr, Evaluate(message.Encode(), Primary, Zone()).Decision.Verdict);
    }

    [Fact]
    public void Notify_ForAnotherType_IsFormErr()
    {
        var message = DnsMessage.Query("example.com.", RecordType.A);
        message.Header.OpCode = OpCode.Notify;
        Assert.Equal(NotifyVerdict.FormErr, Evaluate(message.Encode(), Primary, Zone()).Decision.Verdict);
    }

    [Fact]
    public void Query_OrResponse_IsIgnored()
    {
        Assert.Equal(NotifyVerdict.Ignored, Evaluate(DnsMessage.Query("example.com.", RecordType.SOA).Encode(), Primary, Zone()).Decision.Verdict);
        var response = Notify();
        response[2] |= 0x80;
        var (decision, answer) = Evaluate(response, Primary, Zone());
        Assert.Equal(NotifyVerdict.Ignored, decision.Verdict);
        Assert.Null(answer);
    }

    [Fact]
    public void Notify_FromAnIpv4MappedAddressOfThePrimary_Refreshes() =>
        Assert.Equal(NotifyVerdict.Refresh, Evaluate(Notify(), Primary.MapToIPv6(), Zone()).Decision.Verdict);
}
