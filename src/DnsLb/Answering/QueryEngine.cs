using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Serving;
using DnsLb.Status.Metrics;
using DnsLb.Transfer;
using DnsLb.Transfer.Identity;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// The query path: validates a query (RFC 1035 §4.1, RFC 6891), writes the response header and question,
/// lets <see cref="AuthoritativeAnswerer"/> fill the sections, and fits the result to the transport
/// (TC=1 when a UDP answer does not fit). A name in no zone goes to recursion (QueryEngine.Recursion.cs);
/// zone transfers and NOTIFY to the transfer components (QueryEngine.Transfer.cs); a signed query is checked
/// and its answer signed, and an NSID asked for is added (QueryEngine.Extras.cs). The server's identity
/// answers <c>id.server.</c>/<c>hostname.bind.</c> CH TXT (RFC 4892).
/// No allocation: names live on the stack, the response is written in place into the caller's buffer;
/// only a query forwarded upstream, a transfer, a NOTIFY and a signed query allocate, off the authoritative
/// path. Every query is counted in <see cref="DnsMetrics"/> (transport, type, rcode and how long answering
/// took; a deferred one when its answer is sent), which is a plain add to this thread's own counters: no
/// lock, no allocation.
/// </summary>
internal sealed partial class QueryEngine(
    ServingState serving, AuthoritativeAnswerer answerer, IForwarder forwarder, TransferEndpoint transfers, DnsMetrics metrics, TimeProvider time)
    : IDnsQueryHandler
{
    private readonly ServerIdentity _identity = transfers.Identity;

    public int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
    {
        long start = time.GetTimestamp();
        var extras = default(ResponseExtras);
        int length;
        try
        {
            length = Respond(query, response, context, start, out var qtype, out var rcode, out bool deferred, ref extras);
            length = Complete(response, length, extras);
            if (length > 0)
                metrics.Answered(context.Transport, qtype, rcode, time.GetElapsedTime(start));
            else if (!deferred)
                metrics.Dropped(context.Transport);
        }
        finally
        {
            extras.Tsig?.Dispose();
        }
        return length;
    }

    /// <summary>
    /// Answers the query now (the response's length, its question type and full rcode), hands it over
    /// (<paramref name="deferred"/>; counted when its answer is sent), or answers nothing (0).
    /// </summary>
    private int Respond(
        ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context, long start, out RecordType qtype, out ResponseCode rcode, out bool deferred,
        ref ResponseExtras extras)
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
        var (edns, hasEdns, ednsStatus, nsid, signed) = (default(Edns), false, questions, false, false);
        if (questions == ParseStatus.Ok)
            ednsStatus = ReadEdns(ref reader, header, out edns, out hasEdns, out nsid, out signed);
        hasEdns &= ednsStatus == ParseStatus.Ok;

        // NOTIFY and zone transfers are the transfer components' own, TSIG and all.
        if (header.OpCode == OpCode.Notify)
            return Notify(query, response, context, out rcode);
        if (header.OpCode == OpCode.Query && questionOk && qtype is RecordType.AXFR or RecordType.IXFR)
            return Transfer(query, response, context, qtype, start, out rcode, out deferred);

        int limit = context.Transport == DnsTransport.Tcp
            ? Math.Min(response.Length, ushort.MaxValue)
            : hasEdns ? Math.Clamp((int)edns.PayloadSize, Edns.MinimumPayload, Edns.OurPayloadSize) : Edns.MinimumPayload;
        extras.Limit = limit;
        extras.AddNsid = hasEdns && nsid;
        if (signed && ednsStatus == ParseStatus.Ok && !TryVerify(query, response, ref extras, out int refusal))
        {
            rcode = RcodeOf(response[..refusal]);
            return refusal;
        }
        // The OPT's room is kept back from the sections, and the NSID's and the TSIG's from both, so they always fit.
        limit -= extras.Reserved(_identity);
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
        if (ChaosIdentity.IsIdentityQuestion(name, qtype, qclass))
        {
            // RFC 4892 §2: which server answered. An identity that does not fit is left out, the answer stays.
            writer.Header.IsAuthoritative = true;
            ChaosIdentity.TryWriteAnswer(ref writer, name, _identity);
            return Finish(ref writer, limit, rcode, hasEdns, edns);
        }
        rcode = Refusal(qtype, qclass);
        if (rcode != ResponseCode.NoError)
            return Finish(ref writer, limit, rcode, hasEdns, edns);

        Span<byte> qnameLower = stackalloc byte[WireName.MaxLength];
        var snapshot = serving.Current;
        var (zones, addresses) = View(snapshot, context.Client);
        var outcome = answerer.Answer(zones, addresses, name, WireName.CopyLower(name, qnameLower), qtype, ref writer);
        if (outcome.Status == AnswerStatus.NotInZone)
        {
            // A signed query is for this server's zones (a secondary's SOA check): it is never forwarded.
            if (extras.Tsig is not null)
                return Finish(ref writer, limit, rcode = ResponseCode.Refused, hasEdns, edns, ExtendedDnsError.NotAuthoritative);
            return Recurse(query, response, context, header, new(name, qnameLower[..name.Length], qtype, qclass), ref writer, limit, hasEdns, edns,
                extras.AddNsid, start, out rcode, out deferred);
        }
        // RFC 2181 §9: an answer cut short keeps the whole RRsets written before the one that did not fit; TC=1
        // sends the client to TCP. A referral stays non-authoritative even then.
        writer.Header.IsAuthoritative = outcome.Authoritative;
        writer.Header.IsTruncated = outcome.Truncated;
        return Finish(ref writer, limit, rcode = outcome.Rcode, hasEdns, edns);
    }

    /// <summary>
    /// The zones a client is answered from: the served ones, or for a secondary that is sent the Healthy
    /// versions, those (its SOA checks must see the serials it transfers; pool names as that version holds them).
    /// </summary>
    private (ZoneSet Zones, IAddressSelector Addresses) View(ServingSnapshot snapshot, ClientAddress client) =>
        transfers.HasHealthyView && snapshot.HealthyZones is { } healthy && transfers.SeesHealthyView(client)
            ? (healthy, ZoneOrderSelector.Instance)
            : (snapshot.Zones, snapshot.Addresses);

    /// <summary>Queries this server does not answer from zone data, and why (0 = it does).</summary>
    private static ResponseCode Refusal(RecordType qtype, ushort qclass)
    {
        if (qtype == RecordType.OPT)
            return ResponseCode.FormErr; // RFC 6891 §6.1.1: OPT is not a question type.
        if (qtype is RecordType.MAILA or RecordType.MAILB)
            return ResponseCode.NotImp;
        if (qclass != (ushort)RecordClass.IN)
            return ResponseCode.Refused; // no other class served (but the identity in CH, answered before).
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

    /// <summary>
    /// Skips answer and authority, then reads the additional section for one OPT record (and whether it asks
    /// for NSID, RFC 5001 §2.1) and notes a TSIG record (RFC 8945: checked before the query is answered).
    /// </summary>
    private static ParseStatus ReadEdns(ref DnsMessageReader reader, in DnsHeader header, out Edns edns, out bool present, out bool nsid, out bool signed)
    {
        (edns, present, nsid, signed) = (default, false, false, false);
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
            if (record.Type == RecordType.TSIG)
                signed = true;
            if (record.Type != RecordType.OPT)
                continue;
            // RFC 6891 §6.1.1: at most one OPT, owned by the root, with well-formed options.
            var options = reader.Message.Slice(record.RDataOffset, record.RDataLength);
            if (present || record.NameLength != 1 || !Edns.OptionsAreWellFormed(options))
                return ParseStatus.BadRecordData;
            edns = Edns.FromRecord(record);
            nsid = Nsid.IsRequested(options);
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
