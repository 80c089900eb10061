using System.Net;
using DnsLb.Transfer.Notify;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer;

internal sealed partial class TransferEndpoint
{
    [LoggerMessage(Level = LogLevel.Information, Message = "NOTIFY for secondary zone {Zone} from {Source} (serial {Serial}): asking the primaries now")]
    private static partial void LogNotified(ILogger logger, string zone, IPAddress source, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NOTIFY for {Zone} from {Source} not taken: {Verdict}")]
    private static partial void LogNotifyRejected(ILogger logger, string zone, IPAddress source, NotifyVerdict verdict);
}
