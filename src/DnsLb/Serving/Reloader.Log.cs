using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>The log lines of <see cref="Reloader"/>, source-generated.</summary>
internal sealed partial class Reloader
{
    [LoggerMessage(Level = LogLevel.Information, Message = "serving {Count} zone(s): {Zones}")]
    private static partial void LogServing(ILogger logger, int count, string zones);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} zone file(s) rejected, not served: {Files}; fix the errors above and save, and the zone is loaded without a restart")]
    private static partial void LogRejectedAtStart(ILogger logger, int count, string files);

    [LoggerMessage(Level = LogLevel.Error, Message = "no zone is served: {Directory} has no *.zone file that loads, so every query is answered REFUSED until one does")]
    private static partial void LogNoZones(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Debug, Message = "snapshot {Version} published: {Count} zone(s)")]
    private static partial void LogPublished(ILogger logger, long version, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} holds zone {Zone}, which is a secondary zone here (Secondary:Zones): the file is ignored, the zone comes from its primaries")]
    private static partial void LogFileShadowed(ILogger logger, string path, string zone);
}
