using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="UdpListener"/>, source-generated.</summary>
internal sealed partial class UdpListener
{
    [LoggerMessage(Level = LogLevel.Error, Message = "answering a UDP query failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
