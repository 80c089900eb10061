using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>The log lines of <see cref="ServedSerials"/>, source-generated.</summary>
internal sealed partial class ServedSerials
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot keep the served serials in {Path} ({Reason}); after a restart a secondary may hold a higher serial than this server serves (set Secondary:Directory to a writable folder)")]
    private static partial void LogCannotWrite(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot read the served serials in {Path} ({Reason}); serving the zones' own serials")]
    private static partial void LogCannotRead(ILogger logger, string path, string reason);
}
