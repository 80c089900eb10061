using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace DnsLb.Protocol.RecordData;

/// <summary>
/// Reads the fields of one record's RDATA, which lies at a known place inside a message. Every read is
/// checked against the RDATA's end, so no field can reach into the next record; a failed read is
/// <c>false</c>, which the caller reports as <see cref="ParseStatus.BadRecordData"/>.
/// </summary>
public ref struct RDataCursor
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _end;
    private readonly bool _pointersAllowed;
    private int _position;

    /// <param name="message">The whole message: compression pointers may point anywhere before the RDATA.</param>
    /// <param name="pointersAllowed">False for RDATA that stands alone (RFC 3597 §5 text), where a pointer means nothing.</param>
    public RDataCursor(ReadOnlySpan<byte> message, int offset, int length, bool pointersAllowed = true)
    {
        _message = message;
        _position = offset;
        _end = offset + length;
        _pointersAllowed = pointersAllowed;
    }

    public readonly int Remaining => _end - _position;

    public readonly bool AtEnd => _position == _end;

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (_position + 1 > _end)
            return false;
        value = _message[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        value = 0;
        if (_position + 2 > _end)
            return false;
        value = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (_position + 4 > _end)
            return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (count < 0 || _position + count > _end)
            return false;
        bytes = _message.Slice(_position, count);
        _position += count;
        return true;
    }

    /// <summary>Everything up to the end of the RDATA (possibly nothing).</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _message[_position.._end];
        _position = _end;
        return rest;
    }

    /// <summary>A length byte and that many bytes (RFC 1035 §3.3).</summary>
    public bool TryReadCharacterString(out ReadOnlySpan<byte> text)
    {
        text = default;
        return TryReadByte(out byte length) && TryReadBytes(length, out text);
    }

    /// <summary>
    /// A domain name. <paramref name="decompress"/> follows compression pointers, which RFC 3597 §4 allows
    /// only in the RDATA of RFC 1035's types and of RP, AFSDB, RT, SIG, PX, NXT, NAPTR and SRV; for every
    /// other type a pointer is malformed data (RFC 4034 §3.1.7 and §4.1.1 forbid them in RRSIG and NSEC).
    /// </summary>
    public bool TryReadName(bool decompress, [NotNullWhen(true)] out DnsName? name)
    {
        name = null;
        Span<byte> buffer = stackalloc byte[WireName.MaxLength];
        var bounded = _message[.._end];
        if (decompress && _pointersAllowed)
        {
            int offset = _position;
            if (WireName.TryRead(bounded, ref offset, buffer, out int length) != ParseStatus.Ok)
                return false;
            _position = offset;
            name = DnsName.FromWire(buffer[..length]);
            return true;
        }
        int position = _position;
        while (true)
        {
            if (position >= _end)
                return false;
            byte labelLength = bounded[position];
            if (labelLength > WireName.MaxLabelLength || position + 1 + labelLength > _end || position + 1 + labelLength - _position > WireName.MaxLength)
                return false;
            position += 1 + labelLength;
            if (labelLength == 0)
                break;
        }
        name = DnsName.FromWire(bounded[_position..position]);
        _position = position;
        return true;
    }
}
