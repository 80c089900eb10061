using Microsoft.Extensions.Logging;

namespace DnsLb.Status;

/// <summary>The log lines of <see cref="DrainCommands"/>, source-generated.</summary>
internal sealed partial class DrainCommands
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "pool {Pool}: {Address} DRAINED through {Source} at {At:O}: out of the answers, still probed")]
    private static partial void LogDrained(ILogger logger, string pool, string address, string source, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: {Address} UNDRAINED through {Source} at {At:O}: answered again while up")]
    private static partial void LogUndrained(ILogger logger, string pool, string address, string source, DateTimeOffset at);
}
