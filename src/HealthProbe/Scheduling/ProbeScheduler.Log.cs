using Microsoft.Extensions.Logging;

namespace HealthProbe.Scheduling;

/// <summary>The log lines of <see cref="ProbeScheduler"/>, source-generated.</summary>
public sealed partial class ProbeScheduler
{
    // Debug only: the application that owns the groups says what a change means to it (DnsLb: "pool …").
    [LoggerMessage(Level = LogLevel.Debug, Message = "group {Group}: node {Address} DOWN after {Count} {Noun}: {Reason}")]
    private static partial void LogDown(ILogger logger, string group, string address, int count, string noun, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "group {Group}: node {Address} UP after {Count} {Noun}: {Reason}")]
    private static partial void LogUp(ILogger logger, string group, string address, int count, string noun, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "a health-change subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
