using System.Net.Sockets;
using DnsLb.Answering;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>
/// DNS over TCP on one listening socket: accepts connections into a bounded table and serves each one
/// (<see cref="TcpConnection"/>); TCP carries little traffic, so it runs on async sockets. Idle connections
/// are closed after <see cref="TransportOptions.TcpIdleTimeoutMs"/>; once three quarters of the slots are
/// taken, after a tenth of it; and at the limit a new connection replaces the longest-idle one (RFC 7766
/// §6.2.3, §10). So a flood of connections that send nothing cannot lock real clients out, while a
/// connection answering a query, or owing a deferred answer, is always served to the end.
/// </summary>
internal sealed partial class TcpListener : IDisposable
{
    private readonly Socket _socket;
    private readonly TransportOptions _options;
    private readonly Shared _shared;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _sweepPeriod;
    private readonly long _idleTicks;
    private readonly long _pressureIdleTicks;
    private long _evictedSinceLog;
    private long _refusedSinceLog;
    private long _lastPressureLog;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _sweepLoop = Task.CompletedTask;
    private int _stopping;
    private int _disposed;

    public TcpListener(Socket socket, IDnsQueryHandler handler, TransportOptions options, ListenerCounters counters, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _options = options;
        var work = new DeferredWork(counters, time, logger);
        _shared = new Shared(handler, new TcpConnectionTable(options.MaxTcpConnections), work, counters, time, logger);
        var idle = TimeSpan.FromMilliseconds(options.TcpIdleTimeoutMs);
        _idleTicks = (long)(idle.TotalSeconds * time.TimestampFrequency);
        _pressureIdleTicks = _idleTicks / 10;
        _sweepPeriod = TimeSpan.FromMilliseconds(Math.Clamp(options.TcpIdleTimeoutMs / 20, 10, 500));
        _lastPressureLog = time.GetTimestamp() - (10 * time.TimestampFrequency); // the first report may come at once
    }

    /// <summary>What every connection of this listener uses.</summary>
    internal sealed record Shared(IDnsQueryHandler Handler, TcpConnectionTable Table, DeferredWork Work, ListenerCounters Counters, TimeProvider Time, ILogger Logger);

    /// <summary>Connections open now.</summary>
    public int Connections => _shared.Table.Count;

    /// <summary>The deferred answers this listener's connections still owe.</summary>
    public DeferredWork Work => _shared.Work;

    public void Start()
    {
        _acceptLoop = AcceptLoopAsync();
        _sweepLoop = SweepLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // a connection that failed during the handshake
            }

            var connection = new TcpConnection(client, _shared);
            if (!_shared.Table.TryAdd(connection, out var evicted))
            {
                // Every slot has work (answering, or owing a deferred answer): this one must wait for a later attempt.
                _shared.Counters.ConnectionRefused();
                Interlocked.Increment(ref _refusedSinceLog);
                client.Dispose();
                continue;
            }
            if (evicted is not null)
            {
                evicted.Abort();
                _shared.Counters.ConnectionClosedIdle();
                Interlocked.Increment(ref _evictedSinceLog);
            }
            // On the thread pool: a connection whose bytes are already there would otherwise be served
            // synchronously on this loop, and a burst of pipelined queries would hold up every accept.
            ThreadPool.UnsafeQueueUserWorkItem(static c => _ = c.ServeAsync(), connection, preferLocal: false);
        }
    }

    private async Task SweepLoopAsync()
    {
        var expired = new List<TcpConnection>();
        using var timer = new PeriodicTimer(_sweepPeriod, _shared.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var table = _shared.Table;
                bool pressure = table.Count * 4 >= table.Capacity * 3;
                long now = _shared.Time.GetTimestamp();
                // A send stuck on a client that does not read gets the full idle time, under pressure too.
                table.TakeExpired(now, pressure ? _pressureIdleTicks : _idleTicks, _idleTicks, expired);
                foreach (var connection in expired)
                {
                    connection.Abort();
                    _shared.Counters.ConnectionClosedIdle();
                }
                expired.Clear();
                ReportPressure(now);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>At most one line per ten seconds about connections closed or refused at the limit, not one per connection.</summary>
    private void ReportPressure(long now)
    {
        if (now - _lastPressureLog < 10 * _shared.Time.TimestampFrequency)
            return;
        long evicted = Interlocked.Exchange(ref _evictedSinceLog, 0);
        long refused = Interlocked.Exchange(ref _refusedSinceLog, 0);
        if (evicted + refused > 0)
            LogAtLimit(_shared.Logger, _options.MaxTcpConnections, evicted, refused);
        _lastPressureLog = now;
    }

    /// <summary>
    /// Accepts no more connections and takes no new deferred work; open connections go on, so the deferred
    /// answers they owe can still be sent until <see cref="Dispose"/>.
    /// </summary>
    public void BeginStop()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
            return;
        _shared.Work.Close();
        _stop.Cancel();
        _socket.Dispose();
    }

    /// <summary>
    /// Stops accepting and closes every connection that is waiting for its client; a connection answering a
    /// query sends that answer first, then closes (within a bound: a client that does not read is cut off).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        BeginStop();
        var answering = new List<TcpConnection>();
        foreach (var connection in _shared.Table.TakeAll())
        {
            if (connection.TryMarkClosedIfIdle())
            {
                connection.Abort();
                continue;
            }
            connection.MarkClosed(); // ends after the answer it is sending
            answering.Add(connection);
        }
        if (answering.Count > 0)
            Task.WaitAll([.. answering.Select(c => c.Ended)], TimeSpan.FromSeconds(3));
        foreach (var connection in answering)
            connection.Abort();
        try
        {
            Task.WaitAll([_acceptLoop, _sweepLoop], TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loops end by cancellation; nothing else to do.
        }
        _stop.Dispose();
    }
}
