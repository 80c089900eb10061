using System.Net;
using System.Net.Sockets;
using DnsLb.Protocol;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Notify;

/// <summary>
/// Tells secondaries a zone changed (RFC 1996 §3): a NOTIFY over UDP to each, sent again with exponential
/// backoff until it is acknowledged or the attempts run out (<see cref="NotifyRetry"/>). Each secondary has
/// its own connected socket, so only an answer from its address and port counts, and only one that answers
/// our NOTIFY (ID, opcode, question) and passes the TSIG check when we signed; anything else is ignored and
/// the wait goes on. Time comes from the injected clock.
/// </summary>
internal sealed partial class NotifySender(TimeProvider time, NotifyRetry retry, ILogger<NotifySender> logger, OutgoingAddress? source = null)
{
    /// <summary>Notifies every secondary at once; completes when each has answered or given up.</summary>
    public async Task<IReadOnlyList<NotifyResult>> NotifyAllAsync(IEnumerable<TransferSecondary> secondaries, Zone zone, CancellationToken cancellationToken) =>
        await Task.WhenAll(secondaries.Select(s => NotifyAsync(s.EndPoint, zone, s.Key, cancellationToken)));

    public async Task<NotifyResult> NotifyAsync(IPEndPoint target, Zone zone, TsigKey? key, CancellationToken cancellationToken)
    {
        var query = new byte[NotifyMessage.MaxSize];
        ushort id = TransferQuery.NewId();
        int length = NotifyMessage.Write(query, id, zone, key, time, out var tsig);
        using var exchange = tsig;
        using var socket = (source ?? OutgoingAddress.System).Open(target, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(target, cancellationToken);
        var buffer = new byte[ushort.MaxValue];
        string? last = null;
        for (int attempt = 1; attempt <= retry.Attempts; attempt++)
        {
            // The wait starts before the send: an answer can never come before its timer is set.
            using var wait = new CancellationTokenSource(retry.Wait(attempt), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
            try
            {
                await socket.SendAsync(query.AsMemory(0, length), SocketFlags.None, cancellationToken);
                while (true)
                {
                    int received = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token);
                    var answer = Judge(buffer.AsSpan(0, received), id, zone.Origin, exchange);
                    if (answer is null)
                        continue;
                    var (status, detail) = answer.Value;
                    Log(target, zone, status, attempt, detail);
                    return new NotifyResult(target, status, attempt, detail);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer";
            }
            catch (SocketException e)
            {
                last = e.Message; // ICMP port unreachable: the secondary may be restarting; wait and send again
                await WaitAsync(linked.Token);
            }
        }
        LogUnanswered(logger, zone.Origin.ToString(), zone.Serial, target, retry.Attempts, last ?? "no answer");
        return new NotifyResult(target, NotifyStatus.Unanswered, retry.Attempts, last);
    }

    /// <summary>Null when <paramref name="message"/> is not an acceptable answer to our NOTIFY (ignored); else what it says.</summary>
    private static (NotifyStatus, string?)? Judge(ReadOnlySpan<byte> message, ushort id, DnsName zone, TsigClientExchange? tsig)
    {
        if (!DnsHeader.TryRead(message, out var header) || header.Id != id || !header.IsResponse || header.OpCode != OpCode.Notify)
            return null;
        var reader = new DnsMessageReader(message);
        reader.ReadHeader(out _);
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        // RFC 1996 §4.7: the answer echoes the question (an error answer may lack it).
        if (header.QuestionCount == 1 && (reader.ReadQuestion(name, out int nameLength, out var type, out _) != ParseStatus.Ok
            || type != RecordType.SOA || !WireName.EqualsIgnoreCase(name[..nameLength], zone.Wire)))
        {
            return null;
        }
        if (tsig is not null)
        {
            var check = tsig.Verify(message);
            if (check == TsigResponseCheck.Rejected)
                return (NotifyStatus.Refused, $"TSIG {tsig.ServerError}");
            if (check != TsigResponseCheck.Valid)
                return null; // an unsigned or forged answer acknowledges nothing
        }
        return header.ResponseCode == 0 ? (NotifyStatus.Acknowledged, null) : (NotifyStatus.Refused, ((ResponseCode)header.ResponseCode).ToString().ToUpperInvariant());
    }

    private static async Task WaitAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        }
        catch (OperationCanceledException)
        {
            // the attempt's wait is over (or we are stopping: the loop sees it)
        }
    }

    private void Log(IPEndPoint target, Zone zone, NotifyStatus status, int attempt, string? detail)
    {
        if (status == NotifyStatus.Acknowledged)
            LogAcknowledged(logger, zone.Origin.ToString(), zone.Serial, target, attempt);
        else
            LogRefused(logger, zone.Origin.ToString(), zone.Serial, target, detail ?? "an error");
    }
}
