using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="TcpListener"/>, source-generated.</summary>
internal sealed partial class TcpListener
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "TCP connection limit {Limit} reached: {Evicted} idle connection(s) closed to make room, {Refused} refused (every slot busy answering) since the last such line")]
    private static partial void LogAtLimit(ILogger logger, int limit, long evicted, long refused);
}
