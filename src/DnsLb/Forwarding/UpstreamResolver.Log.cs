using Microsoft.Extensions.Logging;

namespace DnsLb.Forwarding;

internal sealed partial class UpstreamResolver
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "upstream {Upstream} failing ({Failure}): asked last until it answers again")]
    private static partial void LogUpstreamFailing(ILogger logger, string upstream, string failure, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "upstream {Upstream} answering again")]
    private static partial void LogUpstreamRecovered(ILogger logger, string upstream);

    [LoggerMessage(Level = LogLevel.Debug, Message = "upstream {Upstream}: attempt failed ({Failure})")]
    private static partial void LogAttemptFailed(ILogger logger, string upstream, string failure, Exception? exception);
}
