namespace DnsLb.Tests.Forwarding;

/// <summary>
/// A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not served here). Only the
/// clock is fake: timers stay real, so timeouts still fire while TTLs age only when told to.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
