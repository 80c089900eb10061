using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="UdpListener"/>, source-generated.</summary>
internal sealed partial class UdpListener
{
    [LoggerMessage(Level = LogLevel.Error, Message = "answering a UDP query failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "receiving UDP in batches (recvmmsg/sendmmsg) does not work here ({Reason}); answering one datagram per call instead")]
    private static partial void LogNoBatches(ILogger logger, string reason);
}
