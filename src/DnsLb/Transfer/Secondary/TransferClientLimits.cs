namespace DnsLb.Transfer.Secondary;

/// <summary>How long a secondary waits on a primary.</summary>
/// <param name="Connect">To open the TCP connection. The default value is 5 s.</param>
/// <param name="Idle">Between two messages of a transfer, and for a UDP answer. The default value is 10 s.</param>
/// <param name="Total">For a whole transfer. The default value is 10 minutes.</param>
public sealed record TransferClientLimits(TimeSpan Connect, TimeSpan Idle, TimeSpan Total)
{
    public static readonly TransferClientLimits Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
}
