using System.Buffers;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Forwarding;

/// <summary>
/// Turns an upstream's response into a <see cref="CachedAnswer"/>: every record read and written again by our
/// own writer (names expanded where the sender compressed them, so nothing points into the upstream's
/// message), the upstream's OPT dropped (ours replaces it toward the client), TTLs capped, and a negative
/// answer's SOA TTL set to min(TTL, MINIMUM) as RFC 2308 §5 requires. Rcodes other than NOERROR and
/// NXDOMAIN are failures of that upstream, for the caller to try another.
/// </summary>
internal static class CachedAnswerBuilder
{
    public static UpstreamFailure TryBuild(ReadOnlySpan<byte> response, UpstreamQuestion question, in CacheLimits limits, long now, long frequency, out CachedAnswer? answer)
    {
        answer = null;
        var reader = new DnsMessageReader(response);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok || header.QuestionCount != 1)
            return UpstreamFailure.Malformed;
        var rcode = (ResponseCode)header.ResponseCode;
        switch (rcode)
        {
            case ResponseCode.ServFail: return UpstreamFailure.ServFail;
            case ResponseCode.Refused: return UpstreamFailure.Refused;
            case not (ResponseCode.NoError or ResponseCode.NXDomain): return UpstreamFailure.OtherRcode;
        }
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        if (reader.ReadQuestion(name, out _, out _, out _) != ParseStatus.Ok)
            return UpstreamFailure.Malformed;

        var buffer = ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
        try
        {
            var writer = new DnsMessageWriter(buffer.AsSpan(0, ushort.MaxValue));
            if (!writer.TryWriteQuestion(question.LowerName, question.Type, question.Class))
                return UpstreamFailure.Malformed;
            var state = new BuildState(question.Type, rcode, limits);
            var status = CopySection(ref reader, ref writer, header.AnswerCount, MessageSection.Answer, ref state);
            if (status == UpstreamFailure.None)
                status = CopySection(ref reader, ref writer, header.AuthorityCount, MessageSection.Authority, ref state);
            int additionalStart = writer.Position;
            if (status == UpstreamFailure.None)
                status = CopySection(ref reader, ref writer, header.AdditionalCount, MessageSection.Additional, ref state);
            if (status != UpstreamFailure.None)
                return status;
            if (state.ExtendedRcode != 0)
                return UpstreamFailure.OtherRcode;
            int length = writer.Finish();
            answer = new CachedAnswer(question.Key, state.Negative ? AnswerKind.Negative : AnswerKind.Positive, rcode, header.AuthenticData,
                buffer.AsSpan(0, length).ToArray(), [.. state.TtlOffsets], additionalStart,
                writer.Header.AnswerCount, writer.Header.AuthorityCount, writer.Header.AdditionalCount,
                now, frequency, state.Lifetime(), limits.StaleSeconds);
            return UpstreamFailure.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The SERVFAIL remembered after every upstream failed: the question alone, for a few seconds.</summary>
    public static CachedAnswer Failure(UpstreamQuestion question, in CacheLimits limits, long now, long frequency)
    {
        var message = new byte[DnsHeader.Size + question.LowerName.Length + 4];
        var writer = new DnsMessageWriter(message);
        writer.TryWriteQuestion(question.LowerName, question.Type, question.Class);
        writer.Finish();
        return new CachedAnswer(question.Key, AnswerKind.Failure, ResponseCode.ServFail, false, message, [], message.Length, 0, 0, 0,
            now, frequency, limits.FailureSeconds, 0);
    }

    private static UpstreamFailure CopySection(ref DnsMessageReader reader, ref DnsMessageWriter writer, int count, MessageSection section, ref BuildState state)
    {
        Span<byte> owner = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < count; i++)
        {
            if (reader.ReadRecord(owner, out var record) != ParseStatus.Ok)
                return UpstreamFailure.Malformed;
            if (record.Type == RecordType.OPT)
            {
                // RFC 6891 §6.1.1: only in the additional section, owned by the root. Its upper rcode bits
                // matter; the rest (the upstream's size, options) is not for the client.
                if (section != MessageSection.Additional || record.NameLength != 1)
                    return UpstreamFailure.Malformed;
                state.ExtendedRcode = (byte)(record.Ttl >> 24);
                continue;
            }
            if (record.Type is RecordType.TSIG or RecordType.TKEY)
                continue; // transaction security belongs to the hop it was made for
            if (!TryCopyRecord(reader.Message, owner[..record.NameLength], record, section, ref writer, ref state))
                return UpstreamFailure.Malformed;
        }
        return UpstreamFailure.None;
    }

    private static bool TryCopyRecord(ReadOnlySpan<byte> message, scoped ReadOnlySpan<byte> owner, in RecordHeader record, MessageSection section,
        ref DnsMessageWriter writer, ref BuildState state)
    {
        // RFC 2181 §8: a TTL with the top bit set is to be taken as zero.
        uint ttl = record.Ttl > int.MaxValue ? 0 : Math.Min(record.Ttl, state.Limits.MaxTtl);
        RData? data = null;
        if (NamesMayBeCompressed(record.Type) && RDataReader.TryRead(message, record, out data) != ParseStatus.Ok)
            return false;
        if (section == MessageSection.Answer && (record.Type == state.QuestionType || state.QuestionType == RecordType.ANY))
            state.HasAnswerData = true;
        if (section == MessageSection.Authority && data is SoaData soa && state.IsNegativeSoFar)
        {
            state.Negative = true;
            state.NegativeTtl = Math.Min(Math.Min(ttl, soa.Minimum), state.Limits.MaxNegativeTtl);
            ttl = state.NegativeTtl;
        }
        var mark = writer.Mark();
        if (!writer.TryBeginRecord(owner, record.Type, record.Class, ttl, out int rdLength))
            return false;
        bool written = data is not null
            ? data.TryWrite(ref writer)
            : writer.TryWriteBytes(message.Slice(record.RDataOffset, record.RDataLength));
        if (!written)
        {
            writer.Rewind(mark);
            return false;
        }
        writer.EndRecord(rdLength, section);
        state.TtlOffsets.Add(rdLength - 4);
        if (section != MessageSection.Additional)
            state.MinTtl = Math.Min(state.MinTtl, ttl);
        state.Records++;
        return true;
    }

    /// <summary>
    /// RDATA that may hold compressed names (RFC 3597 §4: the RFC 1035 types, and those receivers should
    /// decompress as well), read field by field so the names are expanded; everything else is copied as bytes.
    /// </summary>
    private static bool NamesMayBeCompressed(RecordType type) => type is RecordType.NS or RecordType.CNAME or RecordType.SOA
        or RecordType.PTR or RecordType.MX or RecordType.RP or RecordType.AFSDB or RecordType.SRV or RecordType.NAPTR
        or RecordType.DNAME;

    private struct BuildState(RecordType questionType, ResponseCode rcode, CacheLimits limits)
    {
        public readonly RecordType QuestionType = questionType;
        public readonly ResponseCode Rcode = rcode;
        public readonly CacheLimits Limits = limits;
        public readonly List<int> TtlOffsets = [];
        public bool HasAnswerData;
        public bool Negative;
        public uint NegativeTtl;
        public uint MinTtl = uint.MaxValue;
        public int Records;
        public byte ExtendedRcode;

        /// <summary>NXDOMAIN, or NOERROR without a record of the asked type (NODATA, RFC 2308 §2.2).</summary>
        public readonly bool IsNegativeSoFar => Rcode == ResponseCode.NXDomain || !HasAnswerData;

        /// <summary>
        /// Seconds the answer may be cached: its shortest TTL. A negative answer without an SOA is not
        /// cached (RFC 2308 §5), nor is a NOERROR that says nothing.
        /// </summary>
        public readonly uint Lifetime()
        {
            if (IsNegativeSoFar && !Negative)
                return 0;
            if (Records == 0 || MinTtl == uint.MaxValue)
                return 0;
            return Negative ? Math.Min(MinTtl, NegativeTtl) : MinTtl;
        }
    }
}
