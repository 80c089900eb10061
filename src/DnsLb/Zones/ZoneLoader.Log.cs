using Microsoft.Extensions.Logging;

namespace DnsLb.Zones;

/// <summary>The log lines of <see cref="ZoneLoader"/>, source-generated.</summary>
internal sealed partial class ZoneLoader
{
    [LoggerMessage(Level = LogLevel.Information, Message = "zone {Zone} loaded: {Records} records, serial {Serial} ({Path})")]
    private static partial void LogZoneLoaded(ILogger logger, string zone, int records, uint serial, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "zone {Zone} reloaded: {Records} records, serial {Serial}, was {Previous} ({Path})")]
    private static partial void LogZoneReloaded(ILogger logger, string zone, int records, uint serial, uint previous, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "zone {Zone} changed but its serial is still {Serial} ({Path}): it is served under a serial one above the last one served, so secondaries see the change; raise the serial in the file to keep the two alike")]
    private static partial void LogSerialUnchanged(ILogger logger, string zone, uint serial, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "zone {Zone} serial went back from {Previous} to {Serial} ({Path}): secondaries keep the version they have; a serial must only grow (RFC 1982)")]
    private static partial void LogSerialBackwards(ILogger logger, string zone, uint previous, uint serial, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}")]
    private static partial void LogZoneError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "zone file {Path} rejected ({Count} error(s)); it is not served")]
    private static partial void LogZoneRejected(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "zone file {Path} rejected ({Count} error(s)); zone {Zone} serial {Serial} stays in service")]
    private static partial void LogZoneKept(ILogger logger, string path, int count, string zone, uint serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "zone file {Path} is gone: zone {Zone} (serial {Serial}) is no longer served")]
    private static partial void LogZoneFileGone(ILogger logger, string path, string zone, uint serial);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} holds zone {Zone}, which {Other} already holds; ignored")]
    private static partial void LogDuplicateZone(ILogger logger, string path, string zone, string other);

    [LoggerMessage(Level = LogLevel.Warning, Message = "zone {Zone} is now served from {Other}; the last good version from {Path} is dropped")]
    private static partial void LogKeptZoneDropped(ILogger logger, string zone, string path, string other);

    [LoggerMessage(Level = LogLevel.Error, Message = "zones directory {Directory} cannot be read ({Reason}); the zones loaded before stay in service until it is back")]
    private static partial void LogDirectoryMissing(ILogger logger, string directory, string reason);
}
