using System.Buffers.Binary;
using System.Security.Cryptography;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The running HMAC of RFC 8945 §4.3: fed a prior MAC, messages and the TSIG variables or timers in the
/// order the RFC lists them, and finished into a MAC. Messages go in as they were before the TSIG record was
/// added: ID replaced by the Original ID and ARCOUNT not counting the TSIG (RFC 8945 §4.3.1, §4.3.2).
/// </summary>
internal sealed class TsigDigest : IDisposable
{
    private readonly IncrementalHash _hash;
    private readonly TsigKey _key;

    public TsigDigest(TsigKey key)
    {
        _key = key;
        _hash = IncrementalHash.CreateHMAC(TsigAlgorithms.Hash(key.Algorithm), key.Secret);
    }

    /// <summary>A request MAC or prior MAC: its two-byte length, then the MAC as sent (truncated or not).</summary>
    public void AddMac(ReadOnlySpan<byte> mac)
    {
        Span<byte> size = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(size, (ushort)mac.Length);
        _hash.AppendData(size);
        _hash.AppendData(mac);
    }

    /// <summary>
    /// A message without its TSIG record. <paramref name="tsigCounted"/>: its header's ARCOUNT still counts
    /// the TSIG (a received message cut at the record), so one is taken off.
    /// </summary>
    public void AddMessage(ReadOnlySpan<byte> message, ushort originalId, bool tsigCounted)
    {
        Span<byte> header = stackalloc byte[DnsHeader.Size];
        message[..DnsHeader.Size].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header, originalId);
        if (tsigCounted)
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)(BinaryPrimitives.ReadUInt16BigEndian(header[10..]) - 1));
        _hash.AppendData(header);
        _hash.AppendData(message[DnsHeader.Size..]);
    }

    /// <summary>
    /// The TSIG variables of RFC 8945 §4.3.3: key name and algorithm name in canonical form (lowercase,
    /// uncompressed), class ANY, TTL 0, Time Signed, Fudge, Error, Other Len and Other Data.
    /// </summary>
    public void AddVariables(long timeSigned, ushort fudge, ushort error, ReadOnlySpan<byte> other)
    {
        Span<byte> buffer = stackalloc byte[WireName.MaxLength];
        _hash.AppendData(WireName.CopyLower(_key.Name.Wire, buffer));
        Span<byte> fixedPart = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, TsigRecord.Class);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[2..], 0);
        _hash.AppendData(fixedPart);
        _hash.AppendData(WireName.CopyLower(TsigAlgorithms.WireName(_key.Algorithm).Wire, buffer));
        AddTimers(timeSigned, fudge);
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(tail, error);
        BinaryPrimitives.WriteUInt16BigEndian(tail[2..], (ushort)other.Length);
        _hash.AppendData(tail);
        _hash.AppendData(other);
    }

    /// <summary>The TSIG timers of RFC 8945 §4.3.3 (Time Signed, 48 bits, and Fudge): all that later messages of a stream add.</summary>
    public void AddTimers(long timeSigned, ushort fudge)
    {
        Span<byte> timers = stackalloc byte[8];
        WriteTime(timers, timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(timers[6..], fudge);
        _hash.AppendData(timers);
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();

    /// <summary>A 48-bit big-endian count of seconds since 1970 (RFC 8945 §4.2, Time Signed).</summary>
    public static void WriteTime(Span<byte> destination, long seconds)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(seconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)seconds);
    }
}
