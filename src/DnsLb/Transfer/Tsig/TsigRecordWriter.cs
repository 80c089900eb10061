using System.Buffers.Binary;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// Appends a TSIG record (RFC 8945 §4.2) to a finished message in place and counts it in ARCOUNT: it is
/// always the last additional record (§5.1). Names are written as given and never compressed (RFC 3597 §4).
/// </summary>
internal static class TsigRecordWriter
{
    /// <summary>Owner, then type, class, TTL and RDLENGTH: 10 bytes; RDATA: algorithm, then 16 bytes of fixed fields, MAC and Other Data.</summary>
    public static int Size(ReadOnlySpan<byte> keyName, ReadOnlySpan<byte> algorithmName, int macLength, int otherLength) =>
        keyName.Length + 10 + algorithmName.Length + 16 + macLength + otherLength;

    public static int Size(TsigKey key, int otherLength = 0) =>
        Size(key.Name.Wire, TsigAlgorithms.WireName(key.Algorithm).Wire, TsigAlgorithms.MacLength(key.Algorithm), otherLength);

    /// <summary>Appends after the <paramref name="length"/> bytes of the message; false (nothing written) when it does not fit.</summary>
    public static bool TryAppend(Span<byte> buffer, int length, ReadOnlySpan<byte> keyName, ReadOnlySpan<byte> algorithmName, long timeSigned,
        ushort fudge, ReadOnlySpan<byte> mac, ushort originalId, ushort error, ReadOnlySpan<byte> other, out int newLength)
    {
        newLength = length;
        int size = Size(keyName, algorithmName, mac.Length, other.Length);
        if (length < DnsHeader.Size || length + size > buffer.Length || length + size > ushort.MaxValue)
            return false;
        var record = buffer.Slice(length, size);
        keyName.CopyTo(record);
        int p = keyName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(record[p..], (ushort)RecordType.TSIG);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 2)..], TsigRecord.Class);
        BinaryPrimitives.WriteUInt32BigEndian(record[(p + 4)..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 8)..], (ushort)(size - p - 10));
        p += 10;
        algorithmName.CopyTo(record[p..]);
        p += algorithmName.Length;
        TsigDigest.WriteTime(record[p..], timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 6)..], fudge);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 8)..], (ushort)mac.Length);
        p += 10;
        mac.CopyTo(record[p..]);
        p += mac.Length;
        BinaryPrimitives.WriteUInt16BigEndian(record[p..], originalId);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 2)..], error);
        BinaryPrimitives.WriteUInt16BigEndian(record[(p + 4)..], (ushort)other.Length);
        other.CopyTo(record[(p + 6)..]);
        var arCount = buffer.Slice(10, 2);
        BinaryPrimitives.WriteUInt16BigEndian(arCount, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(arCount) + 1));
        newLength = length + size;
        return true;
    }
}
