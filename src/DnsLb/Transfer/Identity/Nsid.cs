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
