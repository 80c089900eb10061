using System.Buffers;
using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// The distinct targets of one NS, MX or SRV RRset (two MX records may name one host; its addresses go in
/// once): an open-addressing table of record indexes, on the stack for ordinary sets, rented for huge ones.
/// Linear in the set's size, allocation-free.
/// </summary>
internal ref struct TargetSet
{
    private readonly RRSet _set;
    private readonly Span<int> _slots; // record index + 1; 0 is free
    private readonly int[]? _rented;

    /// <param name="stackTable">A stack table, used when it holds at least twice the set's size.</param>
    public TargetSet(RRSet set, Span<int> stackTable)
    {
        _set = set;
        int size = (int)Math.Max(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)set.Count * 2));
        if (size <= stackTable.Length)
        {
            _rented = null;
            _slots = stackTable[..size];
        }
        else
        {
            _rented = ArrayPool<int>.Shared.Rent(size);
            _slots = _rented.AsSpan(0, size);
        }
        _slots.Clear();
    }

    /// <summary>Remembers the target of record <paramref name="index"/>; false when an earlier record named it.</summary>
    public readonly bool Add(int index)
    {
        var name = AdditionalAddresses.TargetOf(_set.Items[index]);
        int mask = _slots.Length - 1;
        for (int slot = name.GetHashCode() & mask; ; slot = (slot + 1) & mask)
        {
            int seen = _slots[slot];
            if (seen == 0)
            {
                _slots[slot] = index + 1;
                return true;
            }
            if (AdditionalAddresses.TargetOf(_set.Items[seen - 1]).Equals(name))
                return false;
        }
    }

    public readonly void Dispose()
    {
        if (_rented is not null)
            ArrayPool<int>.Shared.Return(_rented);
    }
}
