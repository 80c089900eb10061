namespace DnsLb.Serving;

/// <summary>
/// When to reload after files changed: once no change has come for the reload delay, measured from the
/// last change (an editor's save is several writes in a burst: one reload, one delay after the burst), and
/// at the latest <c>max</c> after the first change, so a file written without pause is still reloaded.
/// </summary>
internal static class SettleTime
{
    /// <summary>How much longer to wait; zero when the reload is due.</summary>
    public static TimeSpan Remaining(TimeSpan sinceLastChange, TimeSpan sinceFirstChange, TimeSpan delay, TimeSpan max)
    {
        if (sinceLastChange >= delay || sinceFirstChange >= max)
            return TimeSpan.Zero;
        var quiet = delay - sinceLastChange;
        var cap = max - sinceFirstChange;
        return quiet < cap ? quiet : cap;
    }
}
