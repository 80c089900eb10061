namespace TestSupport;

/// <summary>
/// A clock that moves only when a test says so (Microsoft.Extensions.TimeProvider.Testing is not served
/// here), starting at a given instant. Timers, and so <c>Task.Delay(…, timeProvider)</c> and Polly's
/// timeouts, fire inside <see cref="Advance"/>, in the order they are due. Compiled into every test project
/// (tests/Shared).
/// </summary>
internal class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Timer> _timers = [];
    private TimeSpan _elapsed;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>How far the clock has been moved since it was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
                return _elapsed;
        }
    }

    public override DateTimeOffset GetUtcNow() => start + Elapsed;

    public override long GetTimestamp() => Elapsed.Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>How many timers are waiting: a test can wait for the code under test to start waiting.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
                return _timers.Count(t => t.Due is not null);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan target;
        lock (_lock)
            target = _elapsed + by;
        while (true)
        {
            Timer? next;
            lock (_lock)
            {
                next = null;
                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && due <= target && (next is null || due < next.Due))
                        next = timer;
                }
                if (next is null)
                {
                    _elapsed = target;
                    return;
                }
                _elapsed = next.Due!.Value;
                next.Due = next.Period > TimeSpan.Zero ? _elapsed + next.Period : null;
            }
            next.Fire();
        }
    }

    /// <summary>
    /// Advances in steps of <paramref name="step"/>, letting the code under test run between steps, until
    /// <paramref name="condition"/> holds; fails once the clock has moved <paramref name="limit"/>.
    /// </summary>
    public async Task AdvanceUntil(Func<bool> condition, TimeSpan step, TimeSpan limit, string what)
    {
        var end = Elapsed + limit;
        while (!condition())
        {
            Assert.True(Elapsed < end, $"not within {limit} of fake time: {what}");
            Advance(step);
            await Task.Delay(1);
        }
    }

    private sealed class Timer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public TimeSpan? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                if (_disposed)
                    return false;
                if (!owner._timers.Contains(this))
                    owner._timers.Add(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._elapsed + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                _disposed = true;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
