using Microsoft.Extensions.Logging;

namespace DnsLb.Hosting;

/// <summary>The log lines of <see cref="SettingsReload"/>, source-generated.</summary>
internal sealed partial class SettingsReload
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "settings change in {File} refused; the running settings stay until the file is fixed")]
    private static partial void LogKept(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "settings of {Section} changed; they take effect when DnsLb restarts (only Pools apply at once)")]
    private static partial void LogNeedsRestart(ILogger logger, string section);
}
