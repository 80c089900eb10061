using Microsoft.Extensions.Logging;

namespace DnsLb.Status.Webhooks;

/// <summary>The log lines of <see cref="WebhookTarget"/>, source-generated.</summary>
internal sealed partial class WebhookTarget
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Url}: {Event} of {Pool} {Address} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Uri url, string @event, string pool, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Url}: {Event} of {Pool} {Address} refused with HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, Uri url, string @event, string pool, string address, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Url}: its queue is full (the receiver is slow or down); events are dropped until it catches up")]
    private static partial void LogQueueFull(ILogger logger, Uri url);
}
