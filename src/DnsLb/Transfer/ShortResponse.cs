using DnsLb.Protocol;

namespace DnsLb.Transfer;

/// <summary>
/// A response that is only a header and the request's question: the refusals and errors of transfers and
/// NOTIFY (FORMERR, REFUSED, NOTAUTH, and the acknowledgement of a NOTIFY). ID, opcode and RD are the
/// request's; the question is copied when it can be read, else the response has none (RFC 5936 §2.2.1
/// keeps it; a FORMERR may lack it).
/// </summary>
internal static class ShortResponse
{
    /// <summary>Returns the length written, or 0 when <paramref name="request"/> has no readable header.</summary>
    public static int Write(ReadOnlySpan<byte> request, Span<byte> response, ResponseCode rcode, bool authoritative)
    {
        var reader = new DnsMessageReader(request);
        if (reader.ReadHeader(out var query) != ParseStatus.Ok)
            return 0;
        var writer = new DnsMessageWriter(response);
        writer.Header.Id = query.Id;
        writer.Header.OpCode = query.OpCode;
        writer.Header.RecursionDesired = query.RecursionDesired;
        writer.Header.IsResponse = true;
        writer.Header.IsAuthoritative = authoritative;
        writer.Header.ResponseCode = (byte)rcode;
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        if (query.QuestionCount == 1 && reader.ReadQuestion(name, out int length, out var type, out ushort recordClass) == ParseStatus.Ok)
            writer.TryWriteQuestion(name[..length], type, recordClass);
        return writer.Finish();
    }
}
