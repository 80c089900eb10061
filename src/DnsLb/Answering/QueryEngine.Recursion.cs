using System.Buffers;
using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Transfer.Identity;

namespace DnsLb.Answering;

/// <summary>
/// Names in none of our zones. DnsLb recurses for them (through <see cref="IForwarder"/>) only when forwarding
/// is on, the query asks for recursion (RD, RFC 1035 §4.3.1) and the client is in Forwarding:AllowedNetworks;
/// anyone else gets REFUSED, so it is never an open resolver and never a reflector. A name inside a zone
/// never comes here: the zone answers it, NODATA included.
/// </summary>
internal sealed partial class QueryEngine
{
    private int Recurse(
        ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context, in DnsHeader header, scoped ForwardQuestion question,
        ref DnsMessageWriter writer, int limit, bool hasEdns, in Edns edns, bool nsid, long start, out ResponseCode rcode, out bool deferred)
    {
        deferred = false;
        if (!forwarder.IsEnabled || !header.RecursionDesired)
            return Finish(ref writer, limit, rcode = ResponseCode.Refused, hasEdns, edns, ExtendedDnsError.NotAuthoritative);
        if (!forwarder.IsRecursionAllowed(context.Client))
            return Finish(ref writer, limit, rcode = ResponseCode.Refused, hasEdns, edns, ExtendedDnsError.Prohibited);

        var request = new ForwardRequest(header.Id, context.Transport == DnsTransport.Tcp, hasEdns ? edns.PayloadSize : null,
            edns.DnssecOk, header.CheckingDisabled, header.RecursionDesired, header.AuthenticData);
        // Local answers and cache hits: written whole into the listener's buffer, on this thread, no allocation.
        if (forwarder.TryAnswerLocally(question, request, response, out int length))
        {
            rcode = RcodeOf(response[..length]);
            return length;
        }
        if (TryForwardLater(context, query.ToArray(), request, question.Type, nsid, start))
        {
            (rcode, deferred) = (ResponseCode.NoError, true);
            return 0;
        }
        // Only when the listener is stopping (or no listener is behind this call): ask again, or another server.
        writer.Header.RecursionAvailable = true;
        return Finish(ref writer, limit, rcode = ResponseCode.ServFail, hasEdns, edns);
    }

    /// <remarks>A method of its own: the closure it allocates must not be created on the paths that answer at once.</remarks>
    private bool TryForwardLater(in QueryContext context, byte[] query, ForwardRequest request, RecordType qtype, bool nsid, long start) =>
        context.TryDefer(responder => ForwardAsync(responder, query, request, qtype, nsid, start));

    /// <summary>
    /// Off the receiving thread: the forwarder's answer (or its SERVFAIL, within Forwarding:TimeoutMs), sent
    /// when it comes (with our NSID when the query asked for it), and counted then, with the time from the query's arrival.
    /// </summary>
    private async Task ForwardAsync(IDnsResponder responder, byte[] query, ForwardRequest request, RecordType qtype, bool nsid, long start)
    {
        var response = ArrayPool<byte>.Shared.Rent(request.SizeLimit);
        try
        {
            int length = await forwarder.ForwardAsync(query, response, request, responder.Aborted).ConfigureAwait(false);
            if (nsid && length > 0)
                length = Nsid.AppendToOpt(response, length, request.SizeLimit, _identity);
            if (length > 0 && await responder.SendAsync(response.AsMemory(0, length)).ConfigureAwait(false))
                metrics.Answered(responder.Transport, qtype, RcodeOf(response.AsSpan(0, length)), time.GetElapsedTime(start));
            else
                metrics.Dropped(responder.Transport);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    /// <summary>The rcode in a response's header (RFC 1035 §4.1.1; the extended bits of an OPT are not looked at).</summary>
    private static ResponseCode RcodeOf(ReadOnlySpan<byte> message) => message.Length >= 4 ? (ResponseCode)(message[3] & 0xF) : ResponseCode.ServFail;
}
