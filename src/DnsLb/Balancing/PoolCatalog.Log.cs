using Microsoft.Extensions.Logging;

namespace DnsLb.Balancing;

/// <summary>The log lines of <see cref="PoolCatalog"/>, source-generated.</summary>
internal sealed partial class PoolCatalog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool} added by a settings change: probe {Probe}")]
    private static partial void LogPoolAdded(ILogger logger, string pool, string probe);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool}: settings changed, now probe {Probe}; each node keeps its state")]
    private static partial void LogPoolChanged(ILogger logger, string pool, string probe);

    [LoggerMessage(Level = LogLevel.Information, Message = "pool {Pool} removed by a settings change: its records are answered as written and no longer probed")]
    private static partial void LogPoolRemoved(ILogger logger, string pool);
}
