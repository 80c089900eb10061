using DnsLb.Transfer;
using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>The log lines of <see cref="SecondaryNotifier"/>, source-generated.</summary>
internal sealed partial class SecondaryNotifier
{
    [LoggerMessage(Level = LogLevel.Information, Message = "zone {Zone} serial {Serial}: NOTIFY to {Count} secondary(ies) with Members={Members}")]
    private static partial void LogNotifying(ILogger logger, string zone, uint serial, TransferMembers members, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "zone {Zone} serial {Serial}: sending NOTIFY failed")]
    private static partial void LogNotifyFailed(ILogger logger, string zone, uint serial, Exception exception);
}
