using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transfer.Notify;

/// <summary>NOTIFY sent to a fake secondary on loopback, retried with backoff on a fake clock until acknowledged, bounded.</summary>
public sealed class NotifySenderTests
{
    private readonly FakeClock _clock = new();

    private NotifySender Sender() => new(_clock, NotifyRetry.Default, NullLogger<NotifySender>.Instance);

    /// <summary>A secondary that answers the NOTIFY it is sent with <paramref name="rcode"/>, from the given attempt on.</summary>
    private static Func<byte[], IPEndPoint, int, byte[]?> AnswerFrom(int attempt, ResponseCode rcode = ResponseCode.NoError, TsigKey? key = null) => (message, source, index) =>
    {
        if (index + 1 < attempt)
            return null;
        var response = new byte[1024];
        var zone = new SecondaryZone(DnsName.Parse("example.com."), [source], key);
        var decision = NotifyReceiver.Evaluate(message, source.Address, [zone], key is null ? TsigKeyRing.Empty : TsigTestKeys.Ring(key), TimeProvider.System, response);
        Assert.Equal(NotifyVerdict.Refresh, decision.Verdict);
        var answer = response[..decision.ResponseLength];
        answer[3] = (byte)((answer[3] & 0xF0) | (int)rcode);
        return answer;
    };

    /// <summary>
    /// Lets <paramref name="waits"/> attempts go unanswered: each time the receiver has seen the attempt, the
    /// fake clock moves by that attempt's wait. The clock never moves while an answer may be on its way.
    /// </summary>
    private async Task<NotifyResult> Drive(Task<NotifyResult> sending, LoopbackResponder receiver, int waits)
    {
        for (int attempt = 1; attempt <= waits; attempt++)
        {
            await Eventually.True(() => receiver.Count >= attempt, $"attempt {attempt} sent");
            _clock.Advance(NotifyRetry.Default.Wait(attempt));
        }
        return await sending;
    }

    [Fact]
    public async Task Notify_AnsweredAtOnce_IsAcknowledgedAfterOneAttempt()
    {
        await using var receiver = new LoopbackResponder(AnswerFrom(1));
        var result = await Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), null, CancellationToken.None);
        Assert.Equal(NotifyStatus.Acknowledged, result.Status);
        Assert.Equal(1, result.Attempts);
        var notify = DnsLb.Tests.Support.DnsTestClient.Parse(Assert.Single(receiver.Received));
        Assert.Equal(OpCode.Notify, notify.Header.OpCode);
        Assert.True(notify.Header.IsAuthoritative);
        Assert.Equal(4u, ((DnsLb.Protocol.RecordData.SoaData)notify.Answers.Single().Data).Serial);
    }

    [Fact]
    public async Task Notify_AnsweredOnTheThirdAttempt_IsRetriedWithBackoff()
    {
        await using var receiver = new LoopbackResponder(AnswerFrom(3));
        var start = _clock.Elapsed;
        var result = await Drive(Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), null, CancellationToken.None), receiver, waits: 2);
        Assert.Equal(NotifyStatus.Acknowledged, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2), _clock.Elapsed - start);
        Assert.Equal(3, receiver.Count);
        Assert.Single(receiver.Received.Select(Convert.ToHexString).Distinct()); // the same NOTIFY each time
    }

    [Fact]
    public async Task Notify_NeverAnswered_GivesUpAfterTheLastAttempt()
    {
        await using var receiver = new LoopbackResponder((_, _, _) => null);
        var start = _clock.Elapsed;
        var result = await Drive(Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), null, CancellationToken.None), receiver, waits: 5);
        Assert.Equal(NotifyStatus.Unanswered, result.Status);
        Assert.Equal(5, result.Attempts);
        Assert.Equal(5, receiver.Count);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2 + 4 + 8 + 16), _clock.Elapsed - start);
    }

    [Fact]
    public async Task Notify_Refused_IsNotRetried()
    {
        await using var receiver = new LoopbackResponder(AnswerFrom(1, ResponseCode.NotAuth));
        var result = await Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), null, CancellationToken.None);
        Assert.Equal(NotifyStatus.Refused, result.Status);
        Assert.Equal("NOTAUTH", result.Detail);
        Assert.Equal(1, receiver.Count);
    }

    [Fact]
    public async Task Notify_AnswerWithAnotherId_IsIgnored()
    {
        await using var receiver = new LoopbackResponder((message, source, index) =>
        {
            var answer = AnswerFrom(1)(message, source, index)!;
            if (index == 0)
                answer[1] ^= 0xFF; // the first answer carries a wrong ID: not ours
            return answer;
        });
        var result = await Drive(Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), null, CancellationToken.None), receiver, waits: 1);
        Assert.Equal(NotifyStatus.Acknowledged, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task Notify_Signed_IsAcknowledgedWithASignedAnswer()
    {
        var key = TsigTestKeys.Key();
        await using var receiver = new LoopbackResponder(AnswerFrom(1, key: key));
        var sender = new NotifySender(TimeProvider.System, NotifyRetry.Default, NullLogger<NotifySender>.Instance);
        var result = await sender.NotifyAsync(receiver.EndPoint, TransferZones.Version(4), key, CancellationToken.None);
        Assert.Equal(NotifyStatus.Acknowledged, result.Status);
    }

    [Fact]
    public async Task Notify_SignedButAnsweredUnsigned_IsNotAcknowledged()
    {
        var key = TsigTestKeys.Key();
        await using var receiver = new LoopbackResponder((message, source, index) =>
        {
            var answer = DnsLb.Tests.Support.DnsTestClient.Parse(message);
            answer.Header.IsResponse = true;
            answer.Additionals.Clear();
            return answer.Encode();
        });
        var result = await Drive(Sender().NotifyAsync(receiver.EndPoint, TransferZones.Version(4), key, CancellationToken.None), receiver, waits: 5);
        Assert.Equal(NotifyStatus.Unanswered, result.Status);
    }

    [Fact]
    public async Task NotifyAll_ReachesEverySecondary()
    {
        await using var first = new LoopbackResponder(AnswerFrom(1));
        await using var second = new LoopbackResponder(AnswerFrom(1));
        var results = await Sender().NotifyAllAsync(
            [new(first.EndPoint, DnsLb.Transfer.TransferMembers.All, null), new(second.EndPoint, DnsLb.Transfer.TransferMembers.Healthy, null)],
            TransferZones.Version(4), CancellationToken.None);
        Assert.All(results, r => Assert.Equal(NotifyStatus.Acknowledged, r.Status));
        Assert.Equal([first.EndPoint, second.EndPoint], results.Select(r => r.Target));
    }
}
