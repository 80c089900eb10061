using System.Buffers.Binary;

namespace DnsLb.Protocol;

/// <summary>
/// EDNS(0) as carried in an OPT pseudo-record (RFC 6891 §6.1): CLASS is the requestor's UDP payload size,
/// TTL packs the extended RCODE, the version and the DO flag. Received options are skipped: we act on none.
/// Ours carries at most one option, an Extended DNS Error (RFC 8914).
/// </summary>
public readonly record struct Edns(ushort PayloadSize, byte Version, bool DnssecOk)
{
    /// <summary>RFC 6891 §6.2.5: values below 512 are treated as 512.</summary>
    public const ushort MinimumPayload = 512;

    /// <summary>The payload size we advertise and honour at most (the DNS Flag Day 2020 value).</summary>
    public const ushort OurPayloadSize = 1232;

    /// <summary>Size of an OPT record with no options: root name, type, class, TTL, RDLENGTH.</summary>
    public const int OptRecordSize = 11;

    /// <summary>RFC 8914 §2: the EDE option's code; ours holds an INFO-CODE and no EXTRA-TEXT.</summary>
    private const ushort EdeOptionCode = 15;
    private const ushort EdeOptionLength = 2;

    public static Edns FromRecord(in RecordHeader record) => new(
        record.Class,
        (byte)(record.Ttl >> 16),
        (record.Ttl & 0x8000) != 0);

    /// <summary>
    /// Writes our OPT record. <paramref name="extendedRcode"/> is the rcode's upper 8 bits; the DO bit is echoed
    /// (RFC 3225 §3). An <paramref name="error"/> that does not fit is left out rather than losing the OPT.
    /// </summary>
    public static bool TryWrite(ref DnsMessageWriter writer, byte extendedRcode, bool dnssecOk, ExtendedDnsError? error = null) =>
        (error is not null && TryWriteOpt(ref writer, extendedRcode, dnssecOk, error)) || TryWriteOpt(ref writer, extendedRcode, dnssecOk, null);

    private static bool TryWriteOpt(ref DnsMessageWriter writer, byte extendedRcode, bool dnssecOk, ExtendedDnsError? error)
    {
        uint ttl = ((uint)extendedRcode << 24) | (dnssecOk ? 0x8000u : 0u);
        Span<byte> root = [0];
        var mark = writer.Mark();
        if (writer.TryBeginRecord(root, RecordType.OPT, OurPayloadSize, ttl, out int rdLength)
            && (error is not { } code
                || (writer.TryWriteUInt16(EdeOptionCode) && writer.TryWriteUInt16(EdeOptionLength) && writer.TryWriteUInt16((ushort)code))))
        {
            writer.EndRecord(rdLength, MessageSection.Additional);
            return true;
        }
        writer.Rewind(mark);
        return false;
    }

    /// <summary>Checks that the option list in an OPT RDATA is well-formed (RFC 6891 §6.1.2).</summary>
    public static bool OptionsAreWellFormed(ReadOnlySpan<byte> rdata)
    {
        while (rdata.Length > 0)
        {
            if (rdata.Length < 4)
                return false;
            int length = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
            if (rdata.Length < 4 + length)
                return false;
            rdata = rdata[(4 + length)..];
        }
        return true;
    }
}
