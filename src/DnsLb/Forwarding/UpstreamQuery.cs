using System.Security.Cryptography;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// The query we send upstream and the test an answer must pass to be taken for its answer. Against
/// spoofing (RFC 5452 §9.2) every query gets a fresh ID from a CSPRNG (and, over UDP, a fresh source port),
/// and an answer counts only if it is a response with that ID and exactly our question.
/// </summary>
internal static class UpstreamQuery
{
    public static ushort NewId()
    {
        Span<byte> bytes = stackalloc byte[2];
        RandomNumberGenerator.Fill(bytes);
        return (ushort)((bytes[0] << 8) | bytes[1]);
    }

    /// <summary>
    /// RD=1; CD as the client asked; AD=1 to ask for the AD bit back (RFC 6840 §5.7); our own OPT with our
    /// payload size and the client's DO bit, never the client's options (RFC 6891 §7: EDNS is hop by hop).
    /// </summary>
    public static int Write(Span<byte> buffer, ushort id, UpstreamQuestion question)
    {
        var writer = new DnsMessageWriter(buffer);
        writer.Header.Id = id;
        writer.Header.OpCode = OpCode.Query;
        writer.Header.RecursionDesired = true;
        writer.Header.CheckingDisabled = question.CheckingDisabled;
        writer.Header.AuthenticData = true;
        if (!writer.TryWriteQuestion(question.LowerName, question.Type, question.Class)
            || !Edns.TryWrite(ref writer, 0, question.DnssecOk))
        {
            throw new InvalidOperationException("the query does not fit its buffer");
        }
        return writer.Finish();
    }

    /// <summary>Largest query we write: header, a maximal name, type and class, OPT.</summary>
    public const int MaxLength = DnsHeader.Size + WireName.MaxLength + 4 + Edns.OptRecordSize;

    /// <summary>A response (QR=1) to a standard query with our ID and our one question (name compared without case).</summary>
    public static bool Matches(ReadOnlySpan<byte> response, ushort id, UpstreamQuestion question)
    {
        var reader = new DnsMessageReader(response);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok || !header.IsResponse || header.Id != id
            || header.OpCode != OpCode.Query || header.QuestionCount != 1)
        {
            return false;
        }
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        return reader.ReadQuestion(name, out int length, out var type, out ushort recordClass) == ParseStatus.Ok
            && type == question.Type && recordClass == question.Class
            && WireName.EqualsIgnoreCase(name[..length], question.LowerName);
    }
}
