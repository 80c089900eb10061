using Microsoft.Extensions.Logging;

namespace DnsLb.Status;

/// <summary>The log lines of <see cref="StatusServer"/>, source-generated.</summary>
internal sealed partial class StatusServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "status page at {Url}/ (JSON at /api/status, Prometheus metrics at /metrics)")]
    private static partial void LogServing(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "status page off (Status:Listen is empty)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "status page not served: cannot listen on {Listen}: {Reason}; DNS is served without it (set Status:Listen to a free address and port, or to empty to turn the page off)")]
    private static partial void LogNotServed(ILogger logger, string listen, string reason);
}
