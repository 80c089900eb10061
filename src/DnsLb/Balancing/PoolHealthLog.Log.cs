using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>The log lines of <see cref="PoolHealthLog"/>, source-generated.</summary>
internal sealed partial class PoolHealthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "pool {Pool}: {Address} DOWN after {Count} {Noun}: {Reason}")]
    private static partial void LogDown(ILogger logger, string pool, string address, int count, string noun, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: {Address} UP after {Count} {Noun}: {Reason}")]
    private static partial void LogUp(ILogger logger, string pool, string address, int count, string noun, string reason);
}
