using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Protocol;

/// <summary>
/// Builds a message in a caller-owned buffer: question, then answer, authority and additional records, in
/// that order, compressing names as RFC 1035 §4.1.4 allows. Running out of room is a <c>false</c> result,
/// never an exception: the caller rewinds to a mark and sets TC (RFC 2181 §9) or stops adding extras.
/// </summary>
public ref struct DnsMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _position;
    private NameCompressor _compressor;
    private DnsHeader _header;
    private readonly bool _compressionEnabled;
    private readonly bool _lowerNames;
    private int _end;

    /// <param name="buffer">Where the message goes; its length is the size limit.</param>
    /// <param name="compress">False writes every name in full (canonical form, used to compare RDATA).</param>
    /// <param name="lowerNames">True lowercases every name written (the comparison form of RFC 4034 §6.2).</param>
    public DnsMessageWriter(Span<byte> buffer, bool compress = true, bool lowerNames = false)
    {
        _lowerNames = lowerNames;
        _buffer = buffer;
        _position = DnsHeader.Size;
        _header = default;
        _compressionEnabled = compress;
        _end = buffer.Length;
    }

    public readonly int Position => _position;

    /// <summary>How many bytes the message may take: the buffer, or less after <see cref="LimitTo"/>.</summary>
    public readonly int Capacity => _end;

    /// <summary>
    /// Caps the message size (for instance at the client's UDP payload size, less room kept for a final OPT
    /// record). Never beyond the buffer; never below what is already written.
    /// </summary>
    public void LimitTo(int length) => _end = Math.Clamp(length, _position, _buffer.Length);

    /// <summary>The header as it will be written by <see cref="Finish"/>; counts are kept by the writer.</summary>
    [UnscopedRef]
    public ref DnsHeader Header => ref _header;

    public readonly WriterMark Mark() => new(_position, _header.QuestionCount, _header.AnswerCount, _header.AuthorityCount, _header.AdditionalCount);

    /// <summary>Drops everything written after <paramref name="mark"/>.</summary>
    public void Rewind(WriterMark mark)
    {
        _position = mark.Position;
        _header.QuestionCount = mark.Questions;
        _header.AnswerCount = mark.Answers;
        _header.AuthorityCount = mark.Authorities;
        _header.AdditionalCount = mark.Additionals;
        _compressor.ForgetFrom(mark.Position);
    }

    /// <summary>Writes the header (with the section counts) and returns the message length.</summary>
    public readonly int Finish()
    {
        _header.WriteTo(_buffer);
        return _position;
    }

    public bool TryWriteQuestion(scoped ReadOnlySpan<byte> name, RecordType type, ushort recordClass)
    {
        var mark = Mark();
        if (TryWriteName(name, compress: true) && TryWriteUInt16((ushort)type) && TryWriteUInt16(recordClass))
        {
            _header.QuestionCount++;
            return true;
        }
        Rewind(mark);
        return false;
    }

    /// <summary>
    /// Writes a record's owner, type, class and TTL and reserves RDLENGTH; the caller writes the RDATA and
    /// calls <see cref="EndRecord"/>. On <c>false</c> nothing was written.
    /// </summary>
    public bool TryBeginRecord(scoped ReadOnlySpan<byte> owner, RecordType type, ushort recordClass, uint ttl, out int rdLengthPosition)
    {
        var mark = Mark();
        rdLengthPosition = 0;
        if (TryWriteName(owner, compress: true) && TryWriteRecordFields(type, recordClass, ttl, out rdLengthPosition))
            return true;
        Rewind(mark);
        return false;
    }

    /// <summary>
    /// Writes one whole record with typed RDATA: the one way a record from zone data or a decoded message is
    /// written. On <c>false</c> nothing was written.
    /// </summary>
    public bool TryWriteRecord(scoped ReadOnlySpan<byte> owner, RecordType type, ushort recordClass, uint ttl, RData data, MessageSection section)
    {
        var mark = Mark();
        if (TryBeginRecord(owner, type, recordClass, ttl, out int rdLength) && data.TryWrite(ref this))
        {
            EndRecord(rdLength, section);
            return true;
        }
        Rewind(mark);
        return false;
    }

    /// <summary>
    /// Writes one record of an RRset, whose records all have the same owner: the first record's owner is
    /// compressed as usual (RFC 1035 §4.1.4) and where a pointer to it can go is kept in
    /// <paramref name="ownerPointer"/> (the caller starts with -1); the records after it write that pointer
    /// without searching the message again. The bytes are those <see cref="TryWriteRecord(ReadOnlySpan{byte}, RecordType, ushort, uint, RData, MessageSection)"/>
    /// writes: the search would find the same place. On <c>false</c> nothing was written.
    /// </summary>
    public bool TryWriteRecord(scoped ReadOnlySpan<byte> owner, ref int ownerPointer, RecordType type, ushort recordClass, uint ttl, RData data, MessageSection section)
    {
        var mark = Mark();
        int start = _position;
        bool ownerWritten = ownerPointer >= 0 ? TryWriteUInt16((ushort)(0xC000 | ownerPointer)) : TryWriteName(owner, compress: true);
        if (ownerWritten && TryWriteRecordFields(type, recordClass, ttl, out int rdLength) && data.TryWrite(ref this))
        {
            EndRecord(rdLength, section);
            if (ownerPointer < 0)
                ownerPointer = PointerTo(start);
            return true;
        }
        Rewind(mark);
        return false;
    }

    /// <summary>
    /// Writes a CNAME record made up while answering (RFC 6672 §3.1: the one a DNAME synthesises), its target
    /// compressed as RFC 1035 §3.3.1 allows. On <c>false</c> nothing was written.
    /// </summary>
    public bool TryWriteCname(scoped ReadOnlySpan<byte> owner, uint ttl, scoped ReadOnlySpan<byte> target, MessageSection section)
    {
        var mark = Mark();
        if (TryBeginRecord(owner, RecordType.CNAME, (ushort)RecordClass.IN, ttl, out int rdLength) && TryWriteName(target, compress: true))
        {
            EndRecord(rdLength, section);
            return true;
        }
        Rewind(mark);
        return false;
    }

    public void EndRecord(int rdLengthPosition, MessageSection section)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[rdLengthPosition..], (ushort)(_position - rdLengthPosition - 2));
        switch (section)
        {
            case MessageSection.Answer: _header.AnswerCount++; break;
            case MessageSection.Authority: _header.AuthorityCount++; break;
            default: _header.AdditionalCount++; break;
        }
    }

    /// <summary>
    /// Writes an uncompressed wire name, replacing its longest already-written suffix by a pointer when
    /// <paramref name="compress"/> is set (RFC 1035 §4.1.4; RFC 3597 §4 limits this to well-known types).
    /// </summary>
    public bool TryWriteName(scoped ReadOnlySpan<byte> name, bool compress)
    {
        int start = _position;
        int labelOffset = 0;
        compress &= _compressionEnabled;
        while (true)
        {
            byte length = name[labelOffset];
            if (length == 0)
            {
                if (_position + 1 > _end)
                    return Fail(start);
                _buffer[_position++] = 0;
                return true;
            }
            if (compress)
            {
                int found = _compressor.Find(_buffer, name[labelOffset..]);
                if (found >= 0)
                {
                    if (_position + 2 > _end)
                        return Fail(start);
                    BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)(0xC000 | found));
                    _position += 2;
                    return true;
                }
            }
            if (_position + 1 + length > _end)
                return Fail(start);
            if (compress)
                _compressor.Remember(_position);
            name.Slice(labelOffset, length + 1).CopyTo(_buffer[_position..]);
            if (_lowerNames)
                WireName.ToLower(_buffer.Slice(_position + 1, length));
            _position += length + 1;
            labelOffset += length + 1;
        }
    }

    public bool TryWriteUInt16(ushort value)
    {
        if (_position + 2 > _end)
            return false;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
        return true;
    }

    public bool TryWriteUInt32(uint value)
    {
        if (_position + 4 > _end)
            return false;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
        return true;
    }

    public bool TryWriteByte(byte value)
    {
        if (_position + 1 > _end)
            return false;
        _buffer[_position++] = value;
        return true;
    }

    public bool TryWriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (_position + bytes.Length > _end)
            return false;
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
        return true;
    }

    /// <summary>Type, class and TTL, then room for RDLENGTH (its position is returned).</summary>
    private bool TryWriteRecordFields(RecordType type, ushort recordClass, uint ttl, out int rdLengthPosition)
    {
        rdLengthPosition = 0;
        if (!TryWriteUInt16((ushort)type) || !TryWriteUInt16(recordClass) || !TryWriteUInt32(ttl) || _position + 2 > _end)
            return false;
        rdLengthPosition = _position;
        _position += 2;
        return true;
    }

    /// <summary>
    /// Where a later copy of the name written at <paramref name="start"/> would point: where the pointer
    /// written there points, or <paramref name="start"/> when the compressor remembers it (as it does for any
    /// name written in full within a pointer's reach, room permitting); -1 when a later copy is written in full.
    /// </summary>
    private readonly int PointerTo(int start)
    {
        if ((_buffer[start] & 0xC0) == 0xC0)
            return ((_buffer[start] & 0x3F) << 8) | _buffer[start + 1];
        return _compressor.Remembers(start) ? start : -1;
    }

    private bool Fail(int start)
    {
        _position = start;
        _compressor.ForgetFrom(start);
        return false;
    }
}

/// <summary>A point in a message being written, to rewind to when something does not fit.</summary>
public readonly record struct WriterMark(int Position, ushort Questions, ushort Answers, ushort Authorities, ushort Additionals);
