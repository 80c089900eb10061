using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="DeferredWork"/>, source-generated.</summary>
internal sealed partial class DeferredWork
{
    [LoggerMessage(Level = LogLevel.Error, Message = "answering a deferred query failed")]
    private static partial void LogDeferredFailed(ILogger logger, Exception exception);
}
