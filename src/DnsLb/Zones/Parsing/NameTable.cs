using System.Runtime.CompilerServices;
using DnsLb.Protocol;

namespace DnsLb.Zones.Parsing;

/// <summary>
/// The names of one zone, each held once however many records it owns: the parser adds every owner as it
/// reads it and the builder adds the empty non-terminals. A name's index stands for it from then on, so
/// grouping records by owner is counting, not hashing names again. Names are keyed by their lowercased
/// wire form (RFC 4343: names compare without case); the first spelling met is the one kept.
/// <see cref="Intern"/> is compiled optimized at once, as <see cref="ZoneFileParser"/> explains.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<byte[], int> _index = new(NameKeyComparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly List<DnsName> _names = [];
    private readonly List<byte[]> _keys = [];

    public NameTable() => _lookup = _index.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Count => _names.Count;

    /// <summary>Lowercased wire name → index: the lookup a <see cref="Zone"/> answers queries with.</summary>
    public Dictionary<byte[], int> Index => _index;

    public DnsName Name(int index) => _names[index];

    /// <summary>The lowercased wire form of the name at <paramref name="index"/>.</summary>
    public byte[] Key(int index) => _keys[index];

    public bool TryFind(ReadOnlySpan<byte> lowerKey, out int index) => _lookup.TryGetValue(lowerKey, out index);

    /// <summary>The index of the name given in wire form (any case), added if it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<byte> wire)
    {
        Span<byte> key = stackalloc byte[wire.Length];
        wire.CopyTo(key);
        WireName.ToLower(key);
        if (_lookup.TryGetValue(key, out int index))
            return index;
        return Add(wire, key);
    }

    /// <summary>Adds a name known to be new, given as written and lowercased (<paramref name="key"/>).</summary>
    public int Add(ReadOnlySpan<byte> wire, ReadOnlySpan<byte> key)
    {
        var stored = key.ToArray();
        // Names are mostly written in lower case; then the name and its key share one array.
        var name = wire.SequenceEqual(stored) ? DnsName.WrapWire(stored) : DnsName.FromWire(wire);
        int index = _names.Count;
        _index.Add(stored, index);
        _names.Add(name);
        _keys.Add(stored);
        return index;
    }
}
