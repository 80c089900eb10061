using System.Buffers.Binary;

namespace DnsLb.Protocol;

/// <summary>
/// Walks a received message section by section (RFC 1035 §4.1) over a span, without allocating. Every
/// length is checked against the message; any failure is a <see cref="ParseStatus"/>, never an exception.
/// </summary>
public ref struct DnsMessageReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    public DnsMessageReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Message => _message;

    public ParseStatus ReadHeader(out DnsHeader header)
    {
        if (!DnsHeader.TryRead(_message, out header))
            return ParseStatus.Truncated;
        _position = DnsHeader.Size;
        return ParseStatus.Ok;
    }

    /// <summary>Reads one question; the name goes uncompressed into <paramref name="nameBuffer"/>.</summary>
    public ParseStatus ReadQuestion(scoped Span<byte> nameBuffer, out int nameLength, out RecordType type, out ushort recordClass)
    {
        type = 0;
        recordClass = 0;
        var status = WireName.TryRead(_message, ref _position, nameBuffer, out nameLength);
        if (status != ParseStatus.Ok)
            return status;
        if (_position + 4 > _message.Length)
            return ParseStatus.Truncated;
        type = (RecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        recordClass = BinaryPrimitives.ReadUInt16BigEndian(_message[(_position + 2)..]);
        _position += 4;
        return ParseStatus.Ok;
    }

    /// <summary>Reads one resource record's fixed part and locates its RDATA (which is not decoded here).</summary>
    public ParseStatus ReadRecord(scoped Span<byte> nameBuffer, out RecordHeader record)
    {
        record = default;
        var status = WireName.TryRead(_message, ref _position, nameBuffer, out int nameLength);
        if (status != ParseStatus.Ok)
            return status;
        if (_position + 10 > _message.Length)
            return ParseStatus.Truncated;
        var fixedPart = _message[_position..];
        ushort rdLength = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[8..]);
        int rdataOffset = _position + 10;
        if (rdataOffset + rdLength > _message.Length)
            return ParseStatus.Truncated;
        record = new RecordHeader(
            nameLength,
            (RecordType)BinaryPrimitives.ReadUInt16BigEndian(fixedPart),
            BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(fixedPart[4..]),
            rdataOffset,
            rdLength);
        _position = rdataOffset + rdLength;
        return ParseStatus.Ok;
    }
}

/// <summary>The fixed fields of a resource record and where its RDATA lies in the message.</summary>
public readonly record struct RecordHeader(int NameLength, RecordType Type, ushort Class, uint Ttl, int RDataOffset, int RDataLength);
