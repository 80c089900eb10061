using System.Buffers;
using System.Net;
using DnsLb.Protocol;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// The primary's side of zone transfers: a transfer query in, the response out through a sink. In order:
/// the TSIG (RFC 8945 §5.2: FORMERR, or NOTAUTH with BADKEY/BADSIG/BADTIME), the query itself (FORMERR),
/// the access rule (REFUSED unless a listed secondary, signed with its key when it has one), the zone
/// (NOTAUTH, RFC 5936 §2.2.1), then the answer the zone's history allows: SOA alone, the changes (IXFR), or
/// the whole zone. Every response to a validly signed query is signed. Over UDP an allowed IXFR gets the SOA
/// alone, telling the client to ask over TCP (RFC 1995 §2); an AXFR over UDP gets NOTIMP, as Knot answers it
/// (RFC 5936 §4.2 leaves AXFR over UDP undefined).
/// </summary>
internal sealed partial class ZoneTransferService(TransferAccess access, TsigKeyRing keys, TimeProvider time, ILogger<ZoneTransferService> logger)
{
    /// <summary>Big enough for any error answer: header, a question, a TSIG record.</summary>
    private const int ShortResponseSize = 1024;

    /// <summary>
    /// Answers a transfer query that came over TCP, sending every message of the response to
    /// <paramref name="sink"/>. What the sink throws (the client went away) comes through, as does an
    /// <see cref="InvalidOperationException"/> for a record too large for any message: either way the
    /// transport closes the connection, and the client sees a transfer without its final SOA.
    /// </summary>
    public async ValueTask<TransferOutcome> RespondAsync(ReadOnlyMemory<byte> query, IPAddress client, ITransferZoneSource zones,
        IDnsMessageSink sink, CancellationToken cancellationToken)
    {
        var verification = TsigServerExchange.Verify(query.Span, keys, time);
        using var exchange = verification.Exchange;
        var decision = Decide(query.Span, client, zones, verification);
        if (decision.Refusal is { } refusal)
        {
            await SendShortAsync(query, verification, decision.Rcode, sink, cancellationToken);
            return refusal;
        }
        var request = decision.Request!;
        var plan = TransferPlan.Choose(request, decision.Zone!.Zone, decision.Zone.History);
        var (messages, records) = await ZoneTransferWriter.WriteAsync(request, plan, exchange, sink, cancellationToken);
        LogTransferred(logger, request.Zone.ToString(), plan.Kind, plan.Zone.Serial, request.ClientSerial?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            client, decision.Secondary!.Members, messages, records);
        return new TransferOutcome(Result(plan.Kind), messages, records);
    }

    /// <summary>
    /// Answers a transfer query that came over UDP into <paramref name="response"/>: an allowed IXFR gets our
    /// SOA alone; AXFR gets NOTIMP; refusals as over TCP. Returns the length (0: nothing to send).
    /// </summary>
    public int RespondOverUdp(ReadOnlySpan<byte> query, IPAddress client, ITransferZoneSource zones, Span<byte> response, out TransferOutcome outcome)
    {
        var verification = TsigServerExchange.Verify(query, keys, time);
        using var exchange = verification.Exchange;
        var decision = Decide(query, client, zones, verification);
        if (decision.Refusal is { } refusal)
        {
            outcome = refusal;
            return WriteShort(query, response, verification, decision.Rcode);
        }
        var request = decision.Request!;
        if (!request.IsIncremental)
        {
            outcome = new TransferOutcome(TransferResult.Refused);
            return WriteShort(query, response, verification, ResponseCode.NotImp);
        }
        var plan = TransferPlan.Choose(request with { ClientSerial = decision.Zone!.Serial }, decision.Zone.Zone, null);
        using var records = plan.Records().GetEnumerator();
        var packer = new TransferMessagePacker(request, records, exchange?.RecordSize ?? 0);
        int length = packer.Next(response[..Math.Min(response.Length, Edns.MinimumPayload)]);
        if (exchange is not null && !exchange.TrySign(response, length, out length))
            length = 0;
        outcome = new TransferOutcome(TransferResult.UpToDate, 1, 1);
        return length;
    }

    private Decision Decide(ReadOnlySpan<byte> query, IPAddress client, ITransferZoneSource zones, TsigVerification verification)
    {
        if (verification.Status == TsigStatus.FormErr)
        {
            LogMalformed(logger, client);
            return Decision.Refuse(TransferOutcome.FormErr, ResponseCode.FormErr);
        }
        if (verification.IsTsigError)
        {
            LogTsigRejected(logger, client, verification.Status, verification.Key?.Name.ToString() ?? "unknown key");
            return Decision.Refuse(TransferOutcome.TsigRejected, ResponseCode.NotAuth);
        }
        if (!TransferRequest.TryParse(query, out var request))
        {
            LogMalformed(logger, client);
            return Decision.Refuse(TransferOutcome.FormErr, ResponseCode.FormErr);
        }
        var signedWith = verification.Status == TsigStatus.Valid ? verification.Key : null;
        var secondary = access.Find(client, signedWith);
        if (secondary is null)
        {
            LogRefused(logger, request.Zone.ToString(), client, signedWith?.Name.ToString() ?? "unsigned");
            return Decision.Refuse(TransferOutcome.Refused, ResponseCode.Refused);
        }
        if (!zones.TryGetZone(request.Zone, secondary.Members, out var zone))
        {
            LogNoZone(logger, request.Zone.ToString(), client);
            return Decision.Refuse(TransferOutcome.NotAuth, ResponseCode.NotAuth);
        }
        return new Decision(null, ResponseCode.NoError, request, zone, secondary);
    }

    private async ValueTask SendShortAsync(ReadOnlyMemory<byte> query, TsigVerification verification, ResponseCode rcode, IDnsMessageSink sink,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ShortResponseSize);
        try
        {
            int length = WriteShort(query.Span, buffer.AsSpan(0, ShortResponseSize), verification, rcode);
            if (length > 0)
                await sink.SendAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An error answer: the TSIG error one when the TSIG failed, else header and question, signed when the query was.</summary>
    private static int WriteShort(ReadOnlySpan<byte> query, Span<byte> response, TsigVerification verification, ResponseCode rcode)
    {
        if (verification.Status == TsigStatus.FormErr || verification.IsTsigError)
            return TsigErrorResponse.Write(query, response, verification);
        int length = ShortResponse.Write(query, response, rcode, authoritative: false);
        if (length > 0 && verification.Status == TsigStatus.Valid && !verification.Exchange!.TrySign(response, length, out length))
            return 0;
        return length;
    }

    private static TransferResult Result(TransferKind kind) => kind switch
    {
        TransferKind.UpToDate => TransferResult.UpToDate,
        TransferKind.Incremental => TransferResult.Incremental,
        _ => TransferResult.Full,
    };

    private readonly record struct Decision(TransferOutcome? Refusal, ResponseCode Rcode, TransferRequest? Request, ServedZone? Zone, TransferSecondary? Secondary)
    {
        public static Decision Refuse(TransferOutcome outcome, ResponseCode rcode) => new(outcome, rcode, null, null, null);
    }
}
