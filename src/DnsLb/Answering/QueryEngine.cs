using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Serving;
using DnsLb.Status.Metrics;

namespace DnsLb.Answering;

/// <summary>
/// The query path: validates a query (RFC 1035 §4.1, RFC 6891), writes the response header and question,
/// lets <see cref="AuthoritativeAnswerer"/> fill the sections, and fits the result to the transport
/// (TC=1 when a UDP answer does not fit). A name in no zone goes to recursion (QueryEngine.Recursion.cs).
/// No allocation: names live on the stack, the response is written in place into the caller's buffer;
/// only a query forwarded upstream allocates, off the receiving thread's path. Every query is counted in
/// <see cref="DnsMetrics"/> (transport, type, rcode and how long answering took; a forwarded one when its
/// answer is sent), which is a plain add to this thread's own counters: no lock, no allocation.
/// </summary>
internal sealed partial class QueryEngine(ServingState serving, AuthoritativeAnswerer answerer, IForwarder forwarder, DnsMetrics metrics, TimeProvider time)
    : IDnsQueryHandler
{
    public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
    {
        long start = time.GetTimestamp();
        int length = Respond(query, response, context, start, out var qtype, out var rcode, out bool deferred);
        if (length > 0)
            metrics.Answered(context.Transport, qtype, rcode, time.GetElapsedTime(start));
        else if (!deferred)
            metrics.Dropped(context.Transport);
        return length;
    }

    /// <summary>
    /// Answers the query now (the response's length, its question type and full rcode), hands it over
    /// (<paramref name="deferred"/>; counted when its answer is sent), or answers nothing (0).
    /// </summary>
    private int Respond(
        ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context, long start, out RecordType qtype, out ResponseCode rcode, out bool deferred)
    {
        (qtype, rcode, deferred) = (0, ResponseCode.NoError, false);
        var reader = new DnsMessageReader(query);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok || header.IsResponse)
            return 0; // RFC 1035 §4.1.1: never answer a response; a runt has no ID to answer with.

        var writer = new DnsMessageWriter(response);
        writer.Header.Id = header.Id;
        writer.Header.IsResponse = true;
        writer.Header.OpCode = header.OpCode;
        writer.Header.RecursionDesired = header.RecursionDesired;
        writer.Header.CheckingDisabled = header.CheckingDisabled;

        Span<byte> qname = stackalloc byte[WireName.MaxLength];
        var questions = ReadQuestions(ref reader, header, qname, out int qnameLength, out qtype, out ushort qclass);
        bool questionOk = questions == ParseStatus.Ok && header.QuestionCount == 1;
        // RFC 6891 §7: a query with an OPT gets one back whatever the rcode, so it is looked for even in a query
        // that is refused or malformed, as long as the sections before it can be read.
        var (edns, hasEdns, ednsStatus) = (default(Edns), false, questions);
        if (questions == ParseStatus.Ok)
            ednsStatus = ReadEdns(ref reader, header, out edns, out hasEdns);
        hasEdns &= ednsStatus == ParseStatus.Ok;

        int limit = context.Transport == DnsTransport.Tcp
            ? Math.Min(response.Length, ushort.MaxValue)
            : hasEdns ? Math.Clamp((int)edns.PayloadSize, Edns.MinimumPayload, Edns.OurPayloadSize) : Edns.MinimumPayload;
        // The OPT's room is kept back from the sections, so it always fits.
        writer.LimitTo(limit - (hasEdns ? Edns.OptRecordSize : 0));
        var name = qname[..qnameLength];
        if (questionOk && !writer.TryWriteQuestion(name, qtype, qclass))
            return 0;

        if (header.OpCode != OpCode.Query)
            return Finish(ref writer, limit, rcode = ResponseCode.NotImp, hasEdns, edns);
        if (!questionOk || ednsStatus != ParseStatus.Ok)
            return Finish(ref writer, limit, rcode = ResponseCode.FormErr, hasEdns, edns);
        // RFC 6891 §6.1.3: we speak EDNS version 0 only.
        if (hasEdns && edns.Version > 0)
            return Finish(ref writer, limit, rcode = ResponseCode.BadVers, hasEdns, edns);
        rcode = Refusal(qtype, qclass);
        if (rcode != ResponseCode.NoError)
            return Finish(ref writer, limit, rcode, hasEdns, edns);

        Span<byte> qnameLower = stackalloc byte[WireName.MaxLength];
        var outcome = answerer.Answer(serving.Current, name, WireName.CopyLower(name, qnameLower), qtype, ref writer);
        if (outcome.Status == AnswerStatus.NotInZone)
        {
            return Recurse(query, response, context, header, new(name, qnameLower[..name.Length], qtype, qclass), ref writer, limit, hasEdns, edns,
                start, out rcode, out deferred);
        }
        // RFC 2181 §9: an answer cut short keeps the whole RRsets written before the one that did not fit; TC=1
        // sends the client to TCP. A referral stays non-authoritative even then.
        writer.Header.IsAuthoritative = outcome.Authoritative;
        writer.Header.IsTruncated = outcome.Truncated;
        return Finish(ref writer, limit, rcode = outcome.Rcode, hasEdns, edns);
    }

    /// <summary>Queries this server does not answer from zone data, and why (0 = it does).</summary>
    private static ResponseCode Refusal(RecordType qtype, ushort qclass)
    {
        if (qtype == RecordType.OPT)
            return ResponseCode.FormErr; // RFC 6891 §6.1.1: OPT is not a question type.
        if (qtype is RecordType.MAILA or RecordType.MAILB)
            return ResponseCode.NotImp;
        if (qclass != (ushort)RecordClass.IN || qtype is RecordType.AXFR or RecordType.IXFR)
            return ResponseCode.Refused; // no other class served; zone transfers are not offered.
        return ResponseCode.NoError;
    }

    /// <summary>Reads every question; the name, type and class of the last one are kept.</summary>
    private static ParseStatus ReadQuestions(ref DnsMessageReader reader, in DnsHeader header, scoped Span<byte> qname, out int qnameLength, out RecordType qtype, out ushort qclass)
    {
        (qnameLength, qtype, qclass) = (0, 0, 0);
        for (int i = 0; i < header.QuestionCount; i++)
        {
            var status = reader.ReadQuestion(qname, out qnameLength, out qtype, out qclass);
            if (status != ParseStatus.Ok)
            {
                qnameLength = 0;
                return status;
            }
        }
        return ParseStatus.Ok;
    }

    /// <summary>Skips answer and authority, then reads the additional section for one OPT record.</summary>
    private static ParseStatus ReadEdns(ref DnsMessageReader reader, in DnsHeader header, out Edns edns, out bool present)
    {
        edns = default;
        present = false;
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        int skip = header.AnswerCount + header.AuthorityCount;
        for (int i = 0; i < skip; i++)
        {
            var status = reader.ReadRecord(name, out _);
            if (status != ParseStatus.Ok)
                return status;
        }
        for (int i = 0; i < header.AdditionalCount; i++)
        {
            var status = reader.ReadRecord(name, out var record);
            if (status != ParseStatus.Ok)
                return status;
            if (record.Type != RecordType.OPT)
                continue;
            // RFC 6891 §6.1.1: at most one OPT, owned by the root, with well-formed options.
            if (present || record.NameLength != 1
                || !Edns.OptionsAreWellFormed(reader.Message.Slice(record.RDataOffset, record.RDataLength)))
            {
                return ParseStatus.BadRecordData;
            }
            edns = Edns.FromRecord(record);
            present = true;
        }
        return ParseStatus.Ok;
    }

    private static int Finish(ref DnsMessageWriter writer, int limit, ResponseCode rcode, bool hasEdns, in Edns requested, ExtendedDnsError? error = null)
    {
        writer.Header.ResponseCode = (byte)((ushort)rcode & 0xF);
        if (hasEdns)
        {
            // The OPT's room was kept back from the sections; give it back and append the record.
            writer.LimitTo(limit);
            Edns.TryWrite(ref writer, (byte)((ushort)rcode >> 4), requested.DnssecOk, error);
        }
        return writer.Finish();
    }
}
