using DnsLb.Protocol.RecordData;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// When a secondary asks its primary about a zone, and when it stops serving it (RFC 1035 §4.3.5, RFC 1996
/// §4): a pure state machine over instants given by the caller's clock. A zone is checked at once when
/// there is none yet or on start; after each contact (a transfer, or a primary confirming our serial) after
/// REFRESH; after a failure after RETRY; at once on NOTIFY. It expires EXPIRE after the last contact: from
/// then on it is not served, and checks go on at RETRY until a primary answers. Intervals are kept within
/// [<see cref="MinimumInterval"/>, <see cref="MaximumInterval"/>], so a zero in an SOA cannot spin.
/// Immutable: each event gives the next schedule.
/// </summary>
public sealed record RefreshSchedule
{
    /// <summary>The shortest refresh or retry interval honoured (Knot's refresh-min-interval is also 2 s).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(2);

    /// <summary>The longest refresh or retry interval honoured: one day.</summary>
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(1);

    /// <summary>The retry interval while there is no SOA to take one from (no zone yet). The default value is 10 s.</summary>
    public static readonly TimeSpan RetryWithoutZone = TimeSpan.FromSeconds(10);

    private RefreshSchedule(SoaData? soa, DateTimeOffset? lastContact, DateTimeOffset nextCheck, int failures)
    {
        Soa = soa;
        LastContact = lastContact;
        NextCheck = nextCheck;
        Failures = failures;
    }

    /// <summary>The SOA of the copy held, whose timers rule; null while there is none.</summary>
    public SoaData? Soa { get; }

    /// <summary>The last time a primary gave or confirmed the copy.</summary>
    public DateTimeOffset? LastContact { get; }

    /// <summary>When to ask the primary next.</summary>
    public DateTimeOffset NextCheck { get; }

    /// <summary>Failed checks since the last contact.</summary>
    public int Failures { get; }

    /// <summary>When the copy stops being served: EXPIRE after the last contact; null without a copy.</summary>
    public DateTimeOffset? ExpiresAt => Soa is { } soa && LastContact is { } contact ? contact + TimeSpan.FromSeconds(soa.Expire) : null;

    /// <summary>Nothing held yet: ask at once.</summary>
    public static RefreshSchedule Empty(DateTimeOffset now) => new(null, null, now, 0);

    /// <summary>
    /// A copy read from disk at start, last confirmed at <paramref name="savedAt"/>: it is served until it
    /// expires, and the primary is asked at once.
    /// </summary>
    public static RefreshSchedule Saved(SoaData soa, DateTimeOffset savedAt, DateTimeOffset now) => new(soa, savedAt, now, 0);

    /// <summary>A primary gave us <paramref name="soa"/>'s version, or confirmed we hold the current one.</summary>
    public RefreshSchedule Contacted(SoaData soa, DateTimeOffset now) => new(soa, now, now + Clamp(soa.Refresh), 0);

    /// <summary>No primary answered, or every answer was rejected: try again after RETRY.</summary>
    public RefreshSchedule Failed(DateTimeOffset now) =>
        new(Soa, LastContact, now + (Soa is { } soa ? Clamp(soa.Retry) : RetryWithoutZone), Failures + 1);

    /// <summary>A listed primary sent NOTIFY (RFC 1996 §4.7): ask now.</summary>
    public RefreshSchedule Notified(DateTimeOffset now) => NextCheck <= now ? this : new(Soa, LastContact, now, Failures);

    public bool IsDue(DateTimeOffset now) => now >= NextCheck;

    /// <summary>True while there is a copy that has not expired: serve it.</summary>
    public bool IsServable(DateTimeOffset now) => ExpiresAt is { } expires && now < expires;

    /// <summary>How long until the next check (zero when due).</summary>
    public TimeSpan Until(DateTimeOffset now) => NextCheck > now ? NextCheck - now : TimeSpan.Zero;

    private static TimeSpan Clamp(uint seconds)
    {
        var interval = TimeSpan.FromSeconds(seconds);
        return interval < MinimumInterval ? MinimumInterval : interval > MaximumInterval ? MaximumInterval : interval;
    }
}
