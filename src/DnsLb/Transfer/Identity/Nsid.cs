using System.Buffers.Binary;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Identity;

/// <summary>
/// The Name Server Identifier option (RFC 5001): a client asks with an empty NSID option in its OPT record
/// (§2.1), and the server answers with its identity in the option of its own OPT (§2.2), never unasked.
/// Span-based and allocation-free: the query path uses it.
/// </summary>
public static class Nsid
{
    /// <summary>RFC 5001 §2.3: the option code of NSID.</summary>
    public const ushort OptionCode = 3;

    /// <summary>True when the options of a query's OPT RDATA include NSID. A malformed option list asks for nothing.</summary>
    public static bool IsRequested(ReadOnlySpan<byte> optRdata)
    {
        while (optRdata.Length >= 4)
        {
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(optRdata);
            int length = BinaryPrimitives.ReadUInt16BigEndian(optRdata[2..]);
            if (optRdata.Length < 4 + length)
                return false;
            if (code == OptionCode)
                return true;
            optRdata = optRdata[(4 + length)..];
        }
        return false;
    }

    /// <summary>Writes the NSID option (code, length, identity) inside an OPT record being written.</summary>
    public static bool TryWriteOption(ref DnsMessageWriter writer, ServerIdentity identity) =>
        writer.TryWriteUInt16(OptionCode) && writer.TryWriteUInt16((ushort)identity.Bytes.Length) && writer.TryWriteBytes(identity.Bytes);

    /// <summary>The bytes the option adds to an OPT record: code, length, identity.</summary>
    public static int OptionSize(ServerIdentity identity) => 4 + identity.Bytes.Length;

    /// <summary>
    /// Adds the NSID option to the OPT record that ends the response in <paramref name="message"/>'s first
    /// <paramref name="length"/> bytes (the last record, as every response of ours has its OPT), keeping
    /// within <paramref name="limit"/> bytes. Returns the new length, or <paramref name="length"/> when the
    /// message ends with no OPT or the option does not fit (the answer matters more than the NSID).
    /// </summary>
    public static int AppendToOpt(Span<byte> message, int length, int limit, ServerIdentity identity)
    {
        int grown = length + OptionSize(identity);
        if (grown > Math.Min(limit, message.Length))
            return length;
        var reader = new DnsMessageReader(message[..length]);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok)
            return length;
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < header.QuestionCount; i++)
        {
            if (reader.ReadQuestion(name, out _, out _, out _) != ParseStatus.Ok)
                return length;
        }
        RecordHeader last = default;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records; i++)
        {
            if (reader.ReadRecord(name, out last) != ParseStatus.Ok)
                return length;
        }
        if (header.AdditionalCount == 0 || last.Type != RecordType.OPT || last.RDataOffset + last.RDataLength != length
            || last.RDataLength + OptionSize(identity) > ushort.MaxValue)
        {
            return length;
        }
        var option = message[length..grown];
        BinaryPrimitives.WriteUInt16BigEndian(option, OptionCode);
        BinaryPrimitives.WriteUInt16BigEndian(option[2..], (ushort)identity.Bytes.Length);
        identity.Bytes.CopyTo(option[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[(last.RDataOffset - 2)..], (ushort)(last.RDataLength + OptionSize(identity)));
        return grown;
    }

    /// <summary>
    /// Writes our OPT record (RFC 6891 §6.1, as <see cref="Edns.TryWrite"/> does: our payload size, the
    /// extended RCODE's upper bits, the DO bit echoed) carrying the NSID option. On false nothing was written.
    /// </summary>
    public static bool TryWriteOpt(ref DnsMessageWriter writer, byte extendedRcode, bool dnssecOk, ServerIdentity identity)
    {
        uint ttl = ((uint)extendedRcode << 24) | (dnssecOk ? 0x8000u : 0u);
        ReadOnlySpan<byte> root = [0];
        var mark = writer.Mark();
        if (writer.TryBeginRecord(root, RecordType.OPT, Edns.OurPayloadSize, ttl, out int rdLength) && TryWriteOption(ref writer, identity))
        {
            writer.EndRecord(rdLength, MessageSection.Additional);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }
}
