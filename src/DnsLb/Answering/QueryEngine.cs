using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// The query path: validates a query (RFC 1035 §4.1, RFC 6891), writes the response header and question,
/// lets <see cref="AuthoritativeAnswerer"/> fill the sections, and fits the result to the transport
/// (TC=1 when a UDP answer does not fit). No allocation: names live on the stack, the response is written
/// in place into the caller's buffer.
/// </summary>
internal sealed class QueryEngine(ZoneStore zones, AuthoritativeAnswerer answerer) : IDnsQueryHandler
{
    public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
    {
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
        Span<byte> qnameLower = stackalloc byte[WireName.MaxLength];
        int qnameLength = 0;
        RecordType qtype = 0;
        ushort qclass = 0;
        bool questionOk = header.QuestionCount == 1
            && reader.ReadQuestion(qname, out qnameLength, out qtype, out qclass) == ParseStatus.Ok;
        if (!questionOk)
            qnameLength = 0;

        if (header.OpCode != OpCode.Query)
            return Finish(ref writer, ResponseCode.NotImp, questionOk, qname[..qnameLength], qtype, qclass);
        if (!questionOk)
            return Finish(ref writer, ResponseCode.FormErr, false, default, 0, 0);

        var ednsStatus = ReadEdns(ref reader, header, out var edns, out bool hasEdns);
        if (ednsStatus != ParseStatus.Ok)
            return Finish(ref writer, ResponseCode.FormErr, true, qname[..qnameLength], qtype, qclass);

        int limit = context.Transport == DnsTransport.Tcp
            ? Math.Min(response.Length, ushort.MaxValue)
            : hasEdns ? Math.Clamp((int)edns.PayloadSize, Edns.MinimumPayload, Edns.OurPayloadSize) : Edns.MinimumPayload;
        writer.LimitTo(limit - (hasEdns ? Edns.OptRecordSize : 0));

        var name = qname[..qnameLength];
        if (!writer.TryWriteQuestion(name, qtype, qclass))
            return 0;

        // RFC 6891 §6.1.3: we speak EDNS version 0 only.
        if (hasEdns && edns.Version > 0)
            return FinishEdns(ref writer, limit, ResponseCode.BadVers, hasEdns, edns);
        var rcode = Refusal(qtype, qclass);
        if (rcode != ResponseCode.NoError)
            return FinishEdns(ref writer, limit, rcode, hasEdns, edns);

        name.CopyTo(qnameLower);
        var nameLower = qnameLower[..qnameLength];
        WireName.ToLower(nameLower);
        var afterQuestion = writer.Mark();
        var outcome = answerer.Answer(zones.Current, name, nameLower, qtype, ref writer);
        switch (outcome.Status)
        {
            case AnswerStatus.NotInZone:
                return FinishEdns(ref writer, limit, ResponseCode.Refused, hasEdns, edns);
            case AnswerStatus.Truncated:
                // RFC 2181 §9: when required data does not fit, send what fits of the header and question
                // with TC=1; the client retries over TCP.
                writer.Rewind(afterQuestion);
                writer.Header.IsTruncated = true;
                writer.Header.IsAuthoritative = true;
                return FinishEdns(ref writer, limit, ResponseCode.NoError, hasEdns, edns);
            default:
                writer.Header.IsAuthoritative = outcome.Authoritative;
                return FinishEdns(ref writer, limit, outcome.Rcode, hasEdns, edns);
        }
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

    private static int Finish(ref DnsMessageWriter writer, ResponseCode rcode, bool withQuestion, scoped ReadOnlySpan<byte> qname, RecordType qtype, ushort qclass)
    {
        writer.LimitTo(Edns.MinimumPayload);
        if (withQuestion && !writer.TryWriteQuestion(qname, qtype, qclass))
            return 0;
        writer.Header.ResponseCode = (byte)rcode;
        return writer.Finish();
    }

    private static int FinishEdns(ref DnsMessageWriter writer, int limit, ResponseCode rcode, bool hasEdns, in Edns requested)
    {
        writer.Header.ResponseCode = (byte)((ushort)rcode & 0xF);
        if (hasEdns)
        {
            // The OPT's room was kept back from the sections; give it back and append the record.
            writer.LimitTo(limit);
            Edns.TryWrite(ref writer, (byte)((ushort)rcode >> 4), requested.DnssecOk);
        }
        return writer.Finish();
    }
}
