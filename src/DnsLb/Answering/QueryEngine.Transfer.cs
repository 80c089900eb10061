using DnsLb.Protocol;
using DnsLb.Transfer;

namespace DnsLb.Answering;

/// <summary>
/// Zone transfers and NOTIFY, handed to <see cref="TransferEndpoint"/>. A NOTIFY (UDP or TCP: Knot sends it
/// over TCP) is judged and answered at once. An AXFR or IXFR over TCP is handed over with
/// <see cref="QueryContext.TryDefer"/>: its messages go out on the client's connection, off the receiving
/// thread, from the snapshot being served when it starts; over UDP it gets the component's short answer.
/// Who may transfer is the component's rule: anyone not listed in <c>Transfer:Secondaries</c> is REFUSED.
/// </summary>
internal sealed partial class QueryEngine
{
    private int Notify(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context, out ResponseCode rcode)
    {
        int length = transfers.AnswerNotify(query, response, context.Client);
        rcode = RcodeOf(response[..length]);
        return length;
    }

    private int Transfer(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context, RecordType qtype, long start, out ResponseCode rcode,
        out bool deferred)
    {
        deferred = false;
        if (context.Transport == DnsTransport.Udp)
        {
            int length = transfers.AnswerOverUdp(query, response, context.Client, serving.Current);
            rcode = RcodeOf(response[..length]);
            return length;
        }
        if (TryTransferLater(context, query.ToArray(), qtype, start))
        {
            (rcode, deferred) = (ResponseCode.NoError, true);
            return 0;
        }
        // Only when the connection or the listener is closing: the client may ask again.
        rcode = ResponseCode.ServFail;
        return ShortResponse.Write(query, response, rcode, authoritative: false);
    }

    /// <remarks>A method of its own: the closure it allocates must not be created on the paths that answer at once.</remarks>
    private bool TryTransferLater(in QueryContext context, byte[] query, RecordType qtype, long start) =>
        context.TryDefer(responder => TransferAsync(responder, query, qtype, start));

    /// <summary>The whole transfer (or its refusal), counted when its last message is sent.</summary>
    private async Task TransferAsync(IDnsResponder responder, byte[] query, RecordType qtype, long start)
    {
        var rcode = await transfers.AnswerOverTcpAsync(responder, query, serving.Current).ConfigureAwait(false);
        if (rcode is { } code)
            metrics.Answered(responder.Transport, qtype, code, time.GetElapsedTime(start));
        else
            metrics.Dropped(responder.Transport);
    }
}
