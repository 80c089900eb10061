using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// What every response of a forwarder carries whatever its source (local, cache, upstream, failure): the
/// client's ID, RD and CD, RA=1 (recursion is offered to this client), the question as the client wrote it,
/// and our own OPT record only when the client sent one (RFC 6891 §6.1.1), with room for it kept back.
/// </summary>
internal static class ResponseEnvelope
{
    /// <summary>Starts a response: header fields and the question; sections are then limited to leave room for OPT.</summary>
    public static DnsMessageWriter Begin(Span<byte> response, scoped ReadOnlySpan<byte> name, RecordType type, ushort recordClass, in ForwardRequest request, out int limit)
    {
        var writer = Begin(response, request, out limit);
        writer.TryWriteQuestion(name, type, recordClass);
        return writer;
    }

    /// <summary>Starts a response without a question (for a query whose question cannot be read).</summary>
    public static DnsMessageWriter Begin(Span<byte> response, in ForwardRequest request, out int limit)
    {
        limit = Math.Min(request.SizeLimit, response.Length);
        var writer = new DnsMessageWriter(response);
        writer.Header.Id = request.Id;
        writer.Header.IsResponse = true;
        writer.Header.OpCode = OpCode.Query;
        writer.Header.RecursionDesired = request.RecursionDesired;
        writer.Header.RecursionAvailable = true;
        writer.Header.CheckingDisabled = request.CheckingDisabled;
        writer.LimitTo(limit - OptRoom(request));
        return writer;
    }

    /// <summary>Sets the rcode, appends our OPT if the client used EDNS, and returns the length.</summary>
    public static int Finish(ref DnsMessageWriter writer, int limit, ResponseCode rcode, in ForwardRequest request)
    {
        writer.Header.ResponseCode = (byte)((ushort)rcode & 0xF);
        if (request.EdnsPayloadSize is not null)
        {
            writer.LimitTo(limit);
            Edns.TryWrite(ref writer, (byte)((ushort)rcode >> 4), request.DnssecOk);
        }
        return writer.Finish();
    }

    public static int OptRoom(in ForwardRequest request) => request.EdnsPayloadSize is null ? 0 : Edns.OptRecordSize;
}
