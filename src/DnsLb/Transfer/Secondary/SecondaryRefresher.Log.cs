using System.Net;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Secondary;

internal sealed partial class SecondaryRefresher
{
    [LoggerMessage(Level = LogLevel.Information, Message = "secondary zone {Zone}: serial {Old} → {Serial} from {Primary} by {Kind}, {Records} records, saved to {Path}")]
    private static partial void LogUpdated(ILogger logger, string zone, string old, uint serial, IPEndPoint primary, string kind, int records, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "secondary zone {Zone}: serial {Serial} is current at {Primary}")]
    private static partial void LogUpToDate(ILogger logger, string zone, uint serial, IPEndPoint primary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "secondary zone {Zone}: primary {Primary} failed: {Problem}")]
    private static partial void LogPrimaryFailed(ILogger logger, string zone, IPEndPoint primary, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "secondary zone {Zone}: {Primary} does not do IXFR; asking for AXFR")]
    private static partial void LogIxfrUnsupported(ILogger logger, string zone, IPEndPoint primary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "secondary zone {Zone}: the IXFR from {Primary} does not apply to our copy ({Errors}); asking for AXFR")]
    private static partial void LogIxfrInconsistent(ILogger logger, string zone, IPEndPoint primary, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "secondary zone {Zone}: cannot save the copy to {Path} ({Error}); it is served, but a restart without the primary will not have it")]
    private static partial void LogSaveFailed(ILogger logger, string zone, string path, string error);
}
