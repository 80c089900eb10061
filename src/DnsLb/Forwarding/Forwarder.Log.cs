using Microsoft.Extensions.Logging;

namespace DnsLb.Forwarding;

internal sealed partial class Forwarder
{
    [LoggerMessage(Level = LogLevel.Error, Message = "forwarding a query failed unexpectedly; the client gets SERVFAIL")]
    private static partial void LogResolutionFailed(ILogger logger, Exception exception);
}
