namespace DnsLb.Transfer.Notify;

/// <summary>
/// How a NOTIFY is retried until acknowledged (RFC 1996 §3.6 leaves the numbers to the operator): sent up
/// to <see cref="Attempts"/> times, waiting <see cref="FirstWait"/> for the answer to the first and twice
/// as long after each next one. The defaults, 5 attempts from 1 s, give up after 31 s.
/// </summary>
public sealed record NotifyRetry(int Attempts, TimeSpan FirstWait)
{
    public static readonly NotifyRetry Default = new(5, TimeSpan.FromSeconds(1));

    /// <summary>How long the answer to attempt <paramref name="attempt"/> (from 1) is waited for.</summary>
    public TimeSpan Wait(int attempt) => FirstWait * (1L << Math.Min(attempt - 1, 20));
}
