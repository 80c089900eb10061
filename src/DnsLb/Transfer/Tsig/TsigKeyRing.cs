using DnsLb.Protocol;
using DnsLb.Zones;

namespace DnsLb.Transfer.Tsig;

/// <summary>The keys a server knows, found by the name a TSIG record carries (any case, RFC 4343).</summary>
public sealed class TsigKeyRing
{
    public static readonly TsigKeyRing Empty = new([]);

    private readonly Dictionary<byte[], TsigKey> _keys;
    private readonly Dictionary<byte[], TsigKey>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public TsigKeyRing(IEnumerable<TsigKey> keys)
    {
        _keys = new Dictionary<byte[], TsigKey>(NameKeyComparer.Instance);
        foreach (var key in keys)
            _keys[key.Name.ToLowerWire()] = key;
        _lookup = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _keys.Count;

    /// <summary>The key named <paramref name="name"/> (an uncompressed wire name, any case).</summary>
    public bool TryFind(ReadOnlySpan<byte> name, out TsigKey key)
    {
        Span<byte> lower = stackalloc byte[WireName.MaxLength];
        if (name.Length > WireName.MaxLength || !_lookup.TryGetValue(WireName.CopyLower(name, lower), out var found))
        {
            key = null!;
            return false;
        }
        key = found;
        return true;
    }

    public TsigKey? Find(DnsName name) => TryFind(name.Wire, out var key) ? key : null;
}
