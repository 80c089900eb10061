namespace DnsLb.Tests.Transfer;

/// <summary>The shared fake clock (tests/Shared/FakeTimeProvider.cs), starting by default when the TSIG vectors were signed.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TestSupport.FakeTimeProvider(start)
{
    /// <summary>The instant the TSIG vectors were signed at (2026-11-21 22:11:35 UTC).</summary>
    public static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1795299095);

    public FakeClock()
        : this(VectorTime)
    {
    }
}
