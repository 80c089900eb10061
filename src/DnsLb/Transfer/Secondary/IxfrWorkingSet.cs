using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Secondary;

/// <summary>One RRset's records in order, with removal by value in constant time.</summary>
internal sealed class IxfrWorkingSet(DnsName owner, uint ttl)
{
    private readonly List<RData?> _slots = [];
    private readonly Dictionary<RData, int> _positions = [];

    public DnsName Owner { get; } = owner;

    public uint Ttl { get; set; } = ttl;

    public bool Add(RData data)
    {
        if (!_positions.TryAdd(data, _slots.Count))
            return false;
        _slots.Add(data);
        return true;
    }

    public bool Remove(RData data)
    {
        if (!_positions.Remove(data, out int position))
            return false;
        _slots[position] = null;
        return true;
    }

    public IEnumerable<RData> Items()
    {
        foreach (var data in _slots)
        {
            if (data is not null)
                yield return data;
        }
    }
}
