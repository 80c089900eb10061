using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>The log lines of <see cref="ReloadService"/>, source-generated.</summary>
internal sealed partial class ReloadService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SIGHUP: reading every zone file and the settings again")]
    private static partial void LogHangup(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "reload failed; the server goes on serving what it served")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot watch {Directory} for changes ({Reason}); changes are picked up by the re-scan every {Seconds} s (Dns:ZonesRescanSeconds; 0 = never) and on SIGHUP")]
    private static partial void LogCannotWatch(ILogger logger, string directory, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watching {Directory} missed changes ({Reason}); reading it again")]
    private static partial void LogWatchError(ILogger logger, string directory, string reason);
}
