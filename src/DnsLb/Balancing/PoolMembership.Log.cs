using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>The log lines of <see cref="PoolMembership"/>, source-generated.</summary>
internal sealed partial class PoolMembership
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "pool {Pool}: no A or AAAA records at this name in any zone; nothing to balance")]
    private static partial void LogNoMembers(ILogger logger, string pool);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: {Count} node(s), probe {Probe}")]
    private static partial void LogMembers(ILogger logger, string pool, int count, string probe);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: node {Address} added; probed now, and answered until its probes say otherwise")]
    private static partial void LogMemberAdded(ILogger logger, string pool, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pool {Pool}: node {Address} added; probed now, but drained by {File}: not answered until the file is removed")]
    private static partial void LogMemberAddedDrained(ILogger logger, string pool, string address, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: node {Address} removed; no longer answered or probed")]
    private static partial void LogMemberRemoved(ILogger logger, string pool, string address);
}
