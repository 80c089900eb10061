using Microsoft.Extensions.Logging;

namespace DnsLb.Serving;

/// <summary>The log lines of <see cref="HealthyVersions"/>, source-generated.</summary>
internal sealed partial class HealthyVersions
{
    [LoggerMessage(Level = LogLevel.Error, Message = "making the Healthy versions of the zones failed; secondaries keep the last one until the next change")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
