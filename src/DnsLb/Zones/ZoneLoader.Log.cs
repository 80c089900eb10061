using Microsoft.Extensions.Logging;

namespace DnsLb.Zones;

/// <summary>The log lines of <see cref="ZoneLoader"/>, source-generated.</summary>
internal sealed partial class ZoneLoader
{
    [LoggerMessage(Level = LogLevel.Information, Message = "zone {Zone} loaded: {Records} records, serial {Serial} ({Path})")]
    private static partial void LogZoneLoaded(ILogger logger, string zone, int records, uint serial, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}")]
    private static partial void LogZoneError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "zone file {Path} rejected ({Count} error(s)); it is not served")]
    private static partial void LogZoneRejected(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "zone file {Path} rejected ({Count} error(s)); zone {Zone} serial {Serial} stays in service")]
    private static partial void LogZoneKept(ILogger logger, string path, int count, string zone, uint serial);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} holds zone {Zone}, which {Other} already holds; ignored")]
    private static partial void LogDuplicateZone(ILogger logger, string path, string zone, string other);

    [LoggerMessage(Level = LogLevel.Warning, Message = "zone {Zone} is now served from {Other}; the last good version from {Path} is dropped")]
    private static partial void LogKeptZoneDropped(ILogger logger, string zone, string path, string other);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no zone is served: {Directory} has no valid *.zone file")]
    private static partial void LogNoZones(ILogger logger, string directory);
}
