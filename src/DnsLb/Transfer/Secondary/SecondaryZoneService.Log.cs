using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Secondary;

internal sealed partial class SecondaryZoneService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "secondary zone {Zone}: serving the saved copy, serial {Serial}, from {Path} until a primary answers")]
    private static partial void LogSavedCopy(ILogger logger, string zone, uint serial, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "secondary zone {Zone}: the saved copy (serial {Serial}, last confirmed {SavedAt:O}) has expired; not served until a primary answers")]
    private static partial void LogSavedCopyExpired(ILogger logger, string zone, uint serial, DateTimeOffset savedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "secondary zone {Zone}: the saved copy does not load: {Error}")]
    private static partial void LogSavedCopyBroken(ILogger logger, string zone, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "secondary zone {Zone}: no primary answered ({Failures} in a row), next try at {Next:O}: {Error}")]
    private static partial void LogFailed(ILogger logger, string zone, int failures, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "secondary zone {Zone}: expired, no contact with a primary since {LastContact:O}; no longer served")]
    private static partial void LogExpired(ILogger logger, string zone, DateTimeOffset? lastContact);

    [LoggerMessage(Level = LogLevel.Error, Message = "secondary zone {Zone}: the refresh failed unexpectedly; retrying after RETRY")]
    private static partial void LogRefreshCrashed(ILogger logger, string zone, Exception exception);
}
