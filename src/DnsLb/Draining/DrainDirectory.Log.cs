using Microsoft.Extensions.Logging;

namespace DnsLb.Draining;

/// <summary>The log lines of <see cref="DrainDirectory"/>, source-generated.</summary>
internal sealed partial class DrainDirectory
{
    [LoggerMessage(Level = LogLevel.Information, Message = "drain directory {Directory} does not exist: no node is drained by file (create it, and a file in it named after a node's address drains that node)")]
    private static partial void LogMissing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "drain directory {Directory} created: a file in it named after a node's address drains that node")]
    private static partial void LogCreated(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not named after an IP address, so it drains nothing (e.g. drain/192.168.0.121, or drain/2001-db8--1 for 2001:db8::1)")]
    private static partial void LogNotAnAddress(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File}: {Address} is a node of no pool; it is drained if it joins one while the file is there")]
    private static partial void LogNoSuchMember(ILogger logger, string file, string address);

    [LoggerMessage(Level = LogLevel.Error, Message = "drain directory {Directory} cannot be read ({Reason}); the drains by file stay as they were until it can")]
    private static partial void LogCannotRead(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot watch {Directory} for drain files ({Reason}); changes are picked up by the re-scan every {Seconds} s (Drain:RescanSeconds; 0 = never)")]
    private static partial void LogCannotWatch(ILogger logger, string directory, string reason, int seconds);
}
