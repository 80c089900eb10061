namespace DnsLb.Transport;

/// <summary>
/// The connections a TCP listener serves, at most <c>capacity</c> of them. At capacity a new connection
/// takes the place of the one that has waited longest for its client; a connection answering a query, or
/// owing a deferred answer, is never closed to make room (RFC 7766 §6.2.3: servers may close idle
/// connections, sooner under pressure).
/// A lock guards membership (accept, close, sweep); queries never take it.
/// </summary>
internal sealed class TcpConnectionTable(int capacity)
{
    private readonly Lock _lock = new();
    private readonly List<TcpConnection> _connections = [];

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_lock)
                return _connections.Count;
        }
    }

    /// <summary>
    /// Admits <paramref name="connection"/>. At capacity, first marks the longest-idle connection closed and
    /// returns it in <paramref name="evicted"/> (the caller closes its socket); false when every connection
    /// has work (a query being answered or a deferred answer pending).
    /// </summary>
    public bool TryAdd(TcpConnection connection, out TcpConnection? evicted)
    {
        evicted = null;
        lock (_lock)
        {
            if (_connections.Count >= capacity)
            {
                evicted = TakeLongestIdle();
                if (evicted is null)
                    return false;
            }
            connection.Index = _connections.Count;
            _connections.Add(connection);
            return true;
        }
    }

    public void Remove(TcpConnection connection)
    {
        lock (_lock)
            RemoveLocked(connection);
    }

    /// <summary>
    /// Takes out every idle connection that has waited for its client longer than <paramref name="idleTicks"/>,
    /// and every one whose send has been stuck (on a client that does not read) longer than
    /// <paramref name="sendingTicks"/>; adds them to <paramref name="expired"/> for the caller to close. A
    /// connection that only waits for its deferred answers is neither.
    /// </summary>
    public void TakeExpired(long now, long idleTicks, long sendingTicks, List<TcpConnection> expired)
    {
        lock (_lock)
        {
            // Backwards, so the swap in RemoveLocked only moves connections already looked at.
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                var connection = _connections[i];
                long sendingSince = connection.SendingSince;
                bool expire = sendingSince != 0
                    ? now - sendingSince > sendingTicks && connection.MarkClosed()
                    : now - connection.LastActivity > idleTicks && connection.TryMarkClosedIfIdle();
                if (expire)
                {
                    RemoveLocked(connection);
                    expired.Add(connection);
                }
            }
        }
    }

    /// <summary>Takes out every connection (the listener is stopping).</summary>
    public List<TcpConnection> TakeAll()
    {
        lock (_lock)
        {
            var all = new List<TcpConnection>(_connections);
            foreach (var connection in all)
                connection.Index = -1;
            _connections.Clear();
            return all;
        }
    }

    private TcpConnection? TakeLongestIdle()
    {
        // A connection may start answering between the scan and the mark; then look again.
        for (int attempt = 0; attempt < 4; attempt++)
        {
            TcpConnection? oldest = null;
            foreach (var connection in _connections)
            {
                if (connection.IsIdle && (oldest is null || connection.LastActivity < oldest.LastActivity))
                    oldest = connection;
            }
            if (oldest is null)
                return null;
            if (oldest.TryMarkClosedIfIdle())
            {
                RemoveLocked(oldest);
                return oldest;
            }
        }
        return null;
    }

    private void RemoveLocked(TcpConnection connection)
    {
        int index = connection.Index;
        if (index < 0 || index >= _connections.Count || !ReferenceEquals(_connections[index], connection))
            return;
        var last = _connections[^1];
        _connections[index] = last;
        last.Index = index;
        _connections.RemoveAt(_connections.Count - 1);
        connection.Index = -1;
    }
}
