using System.Runtime.CompilerServices;

namespace DnsLb.Protocol;

/// <summary>
/// Remembers where names were written in a message so later names can point at them (RFC 1035 §4.1.4).
/// A fixed-size table of offsets that a 14-bit pointer can reach; once full, names are simply written
/// uncompressed. No allocation: the table lives inline in the writer.
/// </summary>
internal struct NameCompressor
{
    public const int Capacity = 64;
    private const int MaxPointerOffset = 0x3FFF;

    private OffsetTable _offsets;
    private int _count;

    public void Clear() => _count = 0;

    public void Remember(int offset)
    {
        if (_count < Capacity && offset <= MaxPointerOffset)
            _offsets[_count++] = (ushort)offset;
    }

    /// <summary>Forgets every offset at or beyond <paramref name="position"/> (after a rewind).</summary>
    public void ForgetFrom(int position)
    {
        while (_count > 0 && _offsets[_count - 1] >= position)
            _count--;
    }

    /// <summary>True when a name written at <paramref name="offset"/> is remembered (the latest names are looked at first).</summary>
    public readonly bool Remembers(int offset)
    {
        for (int i = _count - 1; i >= 0 && _offsets[i] >= offset; i--)
        {
            if (_offsets[i] == offset)
                return true;
        }
        return false;
    }

    /// <summary>Finds an earlier copy of <paramref name="name"/> (uncompressed, ends in root) in the message.</summary>
    public readonly int Find(ReadOnlySpan<byte> message, ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < _count; i++)
        {
            if (NameAtEquals(message, _offsets[i], name))
                return _offsets[i];
        }
        return -1;
    }

    private static bool NameAtEquals(ReadOnlySpan<byte> message, int offset, ReadOnlySpan<byte> name)
    {
        int position = 0;
        int hops = 0;
        while (true)
        {
            byte length = message[offset];
            if ((length & 0xC0) == 0xC0)
            {
                // Pointers in our own output always point backwards; the bound is a second guard.
                if (++hops > 127)
                    return false;
                offset = ((length & 0x3F) << 8) | message[offset + 1];
                continue;
            }
            if (length != name[position])
                return false;
            if (length == 0)
                return true;
            if (!WireName.EqualsIgnoreCase(message.Slice(offset + 1, length), name.Slice(position + 1, length)))
                return false;
            offset += length + 1;
            position += length + 1;
        }
    }

    [InlineArray(Capacity)]
    private struct OffsetTable
    {
        private ushort _element;
    }
}
