namespace DnsLb.Transport;

/// <summary>
/// The connections a TCP listener serves, at most <c>capacity</c> of them. At capacity a new connection
/// takes the place of the one that has waited longest for its client; a connection answering a query is
/// never closed to make room (RFC 7766 §6.2.3: servers may close idle connections, sooner under pressure).
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
    /// is answering a query.
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
    /// Takes out every connection that has waited for its client longer than <paramref name="idleTicks"/>, or
    /// has been answering (sending to a client that does not read) longer than <paramref name="answeringTicks"/>;
    /// adds them to <paramref name="expired"/> for the caller to close.
    /// </summary>
    public void TakeExpired(long now, long idleTicks, long answeringTicks, List<TcpConnection> expired)
    {
        lock (_lock)
        {
            // Backwards, so the swap in RemoveLocked only moves connections already looked at.
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                var connection = _connections[i];
                long waited = now - connection.LastActivity;
                bool expire = connection.IsAnswering
                    ? waited > answeringTicks && connection.MarkClosed()
                    : waited > idleTicks && connection.TryMarkClosedIfIdle();
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
                if (connection.IsWaiting && (oldest is null || connection.LastActivity < oldest.LastActivity))
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
