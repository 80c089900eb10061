using System.Runtime.CompilerServices;

namespace DnsLb.Status.Metrics;

/// <summary>
/// A row of counting cells that every thread keeps its own copy of, summed when scraped. A thread's first
/// use allocates its copy and registers it (once, under a lock); from then on counting is a plain add to
/// memory only that thread writes: no lock, no interlocked instruction, no allocation, no cache line
/// shared with another thread (each copy is padded on both sides).
/// <para>
/// The sum reads other threads' cells while they count, so it may miss the latest few adds, never more:
/// each cell is a 64-bit word written by one thread, read whole. A copy whose thread has ended is folded
/// into a retired total at the next sum, so nothing counted is lost and short-lived threads do not pile up.
/// </para>
/// </summary>
internal sealed class PerThreadCells
{
    /// <summary>Cells of padding before and after a thread's cells: 128 bytes, two cache lines (the prefetcher pairs them).</summary>
    private const int Padding = 16;

    private static int s_lastId = -1;

    /// <summary>This thread's copy of every instance, indexed by instance id.</summary>
    [ThreadStatic]
    private static long[]?[]? t_copies;

    private readonly int _id = Interlocked.Increment(ref s_lastId);
    private readonly Lock _lock = new();
    private readonly List<(Thread Owner, long[] Copy)> _copies = [];
    private readonly long[] _retired;

    public PerThreadCells(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _retired = new long[count];
    }

    public int Count { get; }

    /// <summary>Copies of threads not yet seen ended by a sum (for tests).</summary>
    internal int ThreadCopies
    {
        get
        {
            lock (_lock)
                return _copies.Count;
        }
    }

    /// <summary>This thread's cells, to add to (only this thread writes them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<long> Mine()
    {
        var copies = t_copies;
        if (copies is not null && (uint)_id < (uint)copies.Length && copies[_id] is { } copy)
            return copy.AsSpan(Padding, Count);
        return Register().AsSpan(Padding, Count);
    }

    /// <summary>Adds <paramref name="value"/> to cell <paramref name="cell"/> of this thread's copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int cell, long value) => Mine()[cell] += value;

    /// <summary>Writes the sum over every thread of each cell into <paramref name="totals"/> (at least <see cref="Count"/> long).</summary>
    public void SumInto(Span<long> totals)
    {
        totals = totals[..Count];
        lock (_lock)
        {
            _retired.CopyTo(totals);
            for (int i = _copies.Count - 1; i >= 0; i--)
            {
                var (owner, copy) = _copies[i];
                // Checked before reading: a thread seen ended has written its last add.
                bool ended = !owner.IsAlive;
                for (int cell = 0; cell < Count; cell++)
                    totals[cell] += Volatile.Read(ref copy[Padding + cell]);
                if (ended)
                {
                    for (int cell = 0; cell < Count; cell++)
                        _retired[cell] += copy[Padding + cell];
                    _copies.RemoveAt(i);
                }
            }
        }
    }

    public long[] Sum()
    {
        var totals = new long[Count];
        SumInto(totals);
        return totals;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long[] Register()
    {
        var copies = t_copies;
        if (copies is null || copies.Length <= _id)
        {
            Array.Resize(ref copies, Math.Max(_id + 1, (copies?.Length ?? 4) * 2));
            t_copies = copies;
        }
        var copy = new long[Count + (2 * Padding)];
        copies[_id] = copy;
        lock (_lock)
            _copies.Add((Thread.CurrentThread, copy));
        return copy;
    }
}
