using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// A zone transfer query, checked: one question of type AXFR (RFC 5936 §2.1) or IXFR (RFC 1995 §3) in
/// class IN, opcode QUERY, no answers; an IXFR carries the client's SOA in the authority section, whose
/// serial says which version the client has.
/// </summary>
public sealed record TransferRequest(ushort Id, DnsName Zone, RecordType Type, uint? ClientSerial, bool RecursionDesired, bool HasEdns, bool DnssecOk)
{
    public bool IsIncremental => Type == RecordType.IXFR;

    /// <summary>True when <paramref name="message"/>'s question asks for AXFR or IXFR: the engine hands such queries here.</summary>
    public static bool IsTransferQuery(ReadOnlySpan<byte> message)
    {
        var reader = new DnsMessageReader(message);
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        return reader.ReadHeader(out var header) == ParseStatus.Ok && header.QuestionCount == 1
            && reader.ReadQuestion(name, out _, out var type, out _) == ParseStatus.Ok && type is RecordType.AXFR or RecordType.IXFR;
    }

    /// <summary>Reads a transfer query; false means FORMERR.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, [NotNullWhen(true)] out TransferRequest? request)
    {
        request = null;
        if (DnsMessage.TryParse(message, out var parsed) != ParseStatus.Ok)
            return false;
        var header = parsed!.Header;
        if (header.IsResponse || header.OpCode != OpCode.Query || parsed.Questions.Count != 1 || parsed.Answers.Count != 0)
            return false;
        var question = parsed.Questions[0];
        if (question.Type is not (RecordType.AXFR or RecordType.IXFR) || question.Class != (ushort)RecordClass.IN)
            return false;
        uint? serial = null;
        if (question.Type == RecordType.IXFR)
        {
            // RFC 1995 §3: the authority section holds the SOA of the version the client has.
            if (parsed.Authorities.Count != 1 || parsed.Authorities[0] is not { Data: SoaData soa } record || !record.Owner.Equals(question.Name))
                return false;
            serial = soa.Serial;
        }
        var opt = parsed.Opt;
        request = new TransferRequest(header.Id, question.Name, question.Type, serial, header.RecursionDesired,
            opt is not null, opt is not null && (opt.Ttl & 0x8000) != 0);
        return true;
    }
}
