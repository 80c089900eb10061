using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="TcpConnection"/>, source-generated.</summary>
internal sealed partial class TcpConnection
{
    [LoggerMessage(Level = LogLevel.Error, Message = "answering a TCP query failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "a TCP connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}
