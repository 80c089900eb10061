using System.Collections.Concurrent;
using DnsLb.Zones;

namespace DnsLb.Forwarding;

/// <summary>
/// Answers by (lowercased name, type, class, DO, CD), at most <c>capacity</c> of them. Reading is lock-free
/// and allocation-free: a span key through the dictionary's alternate lookup, on the receiving thread.
/// Writing (on the miss path) takes a lock and evicts with CLOCK, a FIFO that gives entries served since
/// their last pass a second chance: close to LRU without bookkeeping on every hit. Expired entries stay
/// until evicted so that they can be served stale (RFC 8767).
/// </summary>
internal sealed class DnsCache
{
    private readonly ConcurrentDictionary<byte[], CachedAnswer> _entries = new(NameKeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], CachedAnswer>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Queue<CachedAnswer> _clock = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private int _count;

    public DnsCache(int capacity)
    {
        _capacity = capacity;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entry for <paramref name="key"/>, fresh or not (the caller judges), or null.</summary>
    public CachedAnswer? Find(ReadOnlySpan<byte> key)
    {
        if (!_lookup.TryGetValue(key, out var entry))
            return null;
        if (!entry.Referenced)
            entry.Referenced = true;
        return entry;
    }

    /// <summary>Stores (or replaces) an entry; an answer that may not be cached (lifetime 0) is ignored.</summary>
    public void Store(CachedAnswer entry, long now)
    {
        if (_capacity == 0 || entry.LifetimeSeconds == 0)
            return;
        lock (_lock)
        {
            bool existed = _entries.ContainsKey(entry.Key);
            _entries[entry.Key] = entry;
            if (!existed)
                _count++;
            _clock.Enqueue(entry);
            Evict(now);
            if (_clock.Count > 2 * _capacity + 64)
                Compact(now);
        }
    }

    private void Evict(long now)
    {
        while (_count > _capacity && _clock.TryDequeue(out var entry))
        {
            if (!IsCurrent(entry))
                continue; // replaced or removed since it was queued
            if (entry.Referenced && now < entry.StaleUntil)
            {
                entry.Referenced = false;
                _clock.Enqueue(entry);
                continue;
            }
            Remove(entry);
        }
    }

    /// <summary>Drops queue slots of replaced entries, and entries past their stale window, so the queue stays bounded.</summary>
    private void Compact(long now)
    {
        int slots = _clock.Count;
        for (int i = 0; i < slots; i++)
        {
            var entry = _clock.Dequeue();
            if (!IsCurrent(entry))
                continue;
            if (now >= entry.StaleUntil)
            {
                Remove(entry);
                continue;
            }
            _clock.Enqueue(entry);
        }
    }

    private bool IsCurrent(CachedAnswer entry) => _entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry);

    private void Remove(CachedAnswer entry)
    {
        if (_entries.TryRemove(new KeyValuePair<byte[], CachedAnswer>(entry.Key, entry)))
            _count--;
    }
}
