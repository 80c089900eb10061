using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The TSIG record of a received message (RFC 8945 §4.2), with where it starts: the message without it is
/// the bytes before <see cref="Start"/> with one additional record less. Names are kept as written; the MAC
/// and Other Data are copied out of the message.
/// </summary>
internal sealed record TsigRecord(
    int Start, DnsName KeyName, DnsName AlgorithmName, long TimeSigned, ushort Fudge, byte[] Mac, ushort OriginalId, ushort Error, byte[] OtherData)
{
    /// <summary>RFC 8945 §4.2: CLASS is ANY, TTL is 0.</summary>
    public const ushort Class = (ushort)RecordClass.ANY;

    /// <summary>
    /// Finds the message's TSIG record. RFC 8945 §5.2: it must be the last additional record and the only
    /// one; anywhere else, twice, with another class or TTL, or with RDATA that does not parse, the message is
    /// <see cref="TsigPresence.Malformed"/> (FORMERR). A message that does not parse at all is malformed too.
    /// </summary>
    public static TsigPresence Locate(ReadOnlySpan<byte> message, out TsigRecord? record)
    {
        record = null;
        var reader = new DnsMessageReader(message);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok)
            return TsigPresence.Malformed;
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < header.QuestionCount; i++)
        {
            if (reader.ReadQuestion(name, out _, out _, out _) != ParseStatus.Ok)
                return TsigPresence.Malformed;
        }
        int total = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < total; i++)
        {
            int start = reader.Position;
            if (reader.ReadRecord(name, out var rr) != ParseStatus.Ok)
                return TsigPresence.Malformed;
            if (rr.Type != RecordType.TSIG)
                continue;
            bool last = i == total - 1 && header.AdditionalCount > 0;
            if (!last || rr.Class != Class || rr.Ttl != 0)
                return TsigPresence.Malformed;
            var owner = DnsName.FromWire(name[..rr.NameLength]);
            if (!TryReadData(message, rr, start, owner, out record))
                return TsigPresence.Malformed;
        }
        if (reader.Position != message.Length)
            return TsigPresence.Malformed;
        return record is null ? TsigPresence.Absent : TsigPresence.Present;
    }

    private static bool TryReadData(ReadOnlySpan<byte> message, in RecordHeader rr, int start, DnsName owner, out TsigRecord? record)
    {
        record = null;
        // RFC 3597 §4 lists TSIG among the types whose names are never compressed; a pointer is read anyway, harmlessly.
        var rdata = new RDataCursor(message, rr.RDataOffset, rr.RDataLength);
        if (!rdata.TryReadName(decompress: true, out var algorithm)
            || !rdata.TryReadBytes(6, out var time)
            || !rdata.TryReadUInt16(out ushort fudge)
            || !rdata.TryReadUInt16(out ushort macSize)
            || !rdata.TryReadBytes(macSize, out var mac)
            || !rdata.TryReadUInt16(out ushort originalId)
            || !rdata.TryReadUInt16(out ushort error)
            || !rdata.TryReadUInt16(out ushort otherLength)
            || !rdata.TryReadBytes(otherLength, out var other)
            || !rdata.AtEnd)
        {
            return false;
        }
        long timeSigned = ((long)BinaryPrimitives.ReadUInt16BigEndian(time) << 32) | BinaryPrimitives.ReadUInt32BigEndian(time[2..]);
        record = new TsigRecord(start, owner, algorithm, timeSigned, fudge, mac.ToArray(), originalId, error, other.ToArray());
        return true;
    }
}
