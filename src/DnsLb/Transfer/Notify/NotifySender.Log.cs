using System.Net;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Notify;

internal sealed partial class NotifySender
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "NOTIFY {Zone} serial {Serial} to {Target}: acknowledged (attempt {Attempt})")]
    private static partial void LogAcknowledged(ILogger logger, string zone, uint serial, IPEndPoint target, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NOTIFY {Zone} serial {Serial} to {Target}: refused ({Detail})")]
    private static partial void LogRefused(ILogger logger, string zone, uint serial, IPEndPoint target, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NOTIFY {Zone} serial {Serial} to {Target}: no answer after {Attempts} attempts ({Detail}); it will see the change at its next refresh")]
    private static partial void LogUnanswered(ILogger logger, string zone, uint serial, IPEndPoint target, int attempts, string detail);
}
