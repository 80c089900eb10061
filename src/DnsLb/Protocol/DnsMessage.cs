using DnsLb.Protocol.RecordData;

namespace DnsLb.Protocol;

/// <summary>
/// A whole message decoded into objects. Convenient and allocating: for tests, tools and the forwarder.
/// The authoritative query path never builds one; it reads and writes spans directly.
/// </summary>
public sealed class DnsMessage
{
    public DnsHeader Header;

    public List<DnsQuestion> Questions { get; } = [];
    public List<ResourceRecord> Answers { get; } = [];
    public List<ResourceRecord> Authorities { get; } = [];

    /// <summary>Additional records, the OPT pseudo-record included (as <see cref="UnknownData"/>).</summary>
    public List<ResourceRecord> Additionals { get; } = [];

    /// <summary>The full response code: header bits plus, with EDNS, the OPT record's upper bits.</summary>
    public int ResponseCode
    {
        get
        {
            var opt = Opt;
            return opt is null ? Header.ResponseCode : (int)(opt.Ttl >> 24 << 4) | Header.ResponseCode;
        }
    }

    public ResourceRecord? Opt => Additionals.Find(r => r.Type == RecordType.OPT);

    public static ParseStatus TryParse(ReadOnlySpan<byte> bytes, out DnsMessage? message)
    {
        message = null;
        var reader = new DnsMessageReader(bytes);
        var status = reader.ReadHeader(out var header);
        if (status != ParseStatus.Ok)
            return status;
        var result = new DnsMessage { Header = header };
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < header.QuestionCount; i++)
        {
            status = reader.ReadQuestion(name, out int length, out var type, out ushort recordClass);
            if (status != ParseStatus.Ok)
                return status;
            result.Questions.Add(new DnsQuestion(DnsName.FromWire(name[..length]), type, recordClass));
        }
        status = ReadSection(ref reader, header.AnswerCount, result.Answers, name);
        if (status == ParseStatus.Ok)
            status = ReadSection(ref reader, header.AuthorityCount, result.Authorities, name);
        if (status == ParseStatus.Ok)
            status = ReadSection(ref reader, header.AdditionalCount, result.Additionals, name);
        if (status == ParseStatus.Ok)
            message = result;
        return status;
    }

    private static ParseStatus ReadSection(ref DnsMessageReader reader, int count, List<ResourceRecord> into, scoped Span<byte> name)
    {
        for (int i = 0; i < count; i++)
        {
            var status = reader.ReadRecord(name, out var record);
            if (status != ParseStatus.Ok)
                return status;
            status = RDataReader.TryRead(reader.Message, record, out var data);
            if (status != ParseStatus.Ok)
                return status;
            into.Add(new ResourceRecord(DnsName.FromWire(name[..record.NameLength]), record.Class, record.Ttl, data!));
        }
        return ParseStatus.Ok;
    }

    /// <summary>Encodes with name compression; throws if it does not fit in <paramref name="maxSize"/>.</summary>
    public byte[] Encode(int maxSize = ushort.MaxValue)
    {
        var buffer = new byte[maxSize];
        var writer = new DnsMessageWriter(buffer);
        writer.Header.Id = Header.Id;
        writer.Header.Flags = Header.Flags;
        foreach (var q in Questions)
            Require(writer.TryWriteQuestion(q.Name.Wire, q.Type, q.Class));
        foreach (var r in Answers)
            Require(r.TryWrite(ref writer, MessageSection.Answer));
        foreach (var r in Authorities)
            Require(r.TryWrite(ref writer, MessageSection.Authority));
        foreach (var r in Additionals)
            Require(r.TryWrite(ref writer, MessageSection.Additional));
        return buffer.AsSpan(0, writer.Finish()).ToArray();
    }

    /// <summary>A query for <paramref name="name"/>, optionally with an OPT record advertising <paramref name="ednsPayload"/>.</summary>
    public static DnsMessage Query(string name, RecordType type, ushort id = 1, ushort? ednsPayload = null, bool recursionDesired = false)
    {
        var message = new DnsMessage();
        message.Header.Id = id;
        message.Header.RecursionDesired = recursionDesired;
        message.Questions.Add(new DnsQuestion(DnsName.Parse(name), type));
        if (ednsPayload is ushort payload)
            message.Additionals.Add(new ResourceRecord(DnsName.Root, payload, 0, new UnknownData(RecordType.OPT, [])));
        return message;
    }

    private static void Require(bool written)
    {
        if (!written)
            throw new InvalidOperationException("message does not fit in the buffer");
    }
}
