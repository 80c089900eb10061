using System.Buffers.Binary;

namespace DnsLb.Protocol;

/// <summary>
/// EDNS(0) as carried in an OPT pseudo-record (RFC 6891 §6.1): CLASS is the requestor's UDP payload size,
/// TTL packs the extended RCODE, the version and the DO flag. Options are skipped: we implement none.
/// </summary>
public readonly record struct Edns(ushort PayloadSize, byte ExtendedRcode, byte Version, bool DnssecOk)
{
    /// <summary>RFC 6891 §6.2.5: values below 512 are treated as 512.</summary>
    public const ushort MinimumPayload = 512;

    /// <summary>The payload size we advertise and honour at most (the DNS Flag Day 2020 value).</summary>
    public const ushort OurPayloadSize = 1232;

    /// <summary>Size of an OPT record with no options: root name, type, class, TTL, RDLENGTH.</summary>
    public const int OptRecordSize = 11;

    public static Edns FromRecord(in RecordHeader record) => new(
        record.Class,
        (byte)(record.Ttl >> 24),
        (byte)(record.Ttl >> 16),
        (record.Ttl & 0x8000) != 0);

    /// <summary>Writes our OPT record (no options). <paramref name="extendedRcode"/> is the rcode's upper 8 bits.</summary>
    public static bool TryWrite(ref DnsMessageWriter writer, byte extendedRcode, bool dnssecOk)
    {
        uint ttl = ((uint)extendedRcode << 24) | (dnssecOk ? 0x8000u : 0u);
        Span<byte> root = [0];
        if (!writer.TryBeginRecord(root, RecordType.OPT, OurPayloadSize, ttl, out int rdLength))
            return false;
        writer.EndRecord(rdLength, MessageSection.Additional);
        return true;
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
