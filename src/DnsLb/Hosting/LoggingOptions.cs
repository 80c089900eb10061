using Microsoft.Extensions.Logging;

namespace DnsLb.Hosting;

/// <summary>How much is logged. Bound from the <c>Logging</c> section, in .NET's usual form.</summary>
public sealed class LoggingOptions
{
    public const string Section = "Logging";

    /// <summary>
    /// The lowest level logged, by category: <c>Default</c> for all, or a category prefix such as
    /// <c>Microsoft</c> or <c>DnsLb.Transport</c>. Levels: Trace, Debug, Information, Warning, Error,
    /// Critical, None. The default value is Default = Information, Microsoft = Warning.
    /// </summary>
    public Dictionary<string, LogLevel> LogLevel { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Default"] = Microsoft.Extensions.Logging.LogLevel.Information,
        ["Microsoft"] = Microsoft.Extensions.Logging.LogLevel.Warning,
    };
}
