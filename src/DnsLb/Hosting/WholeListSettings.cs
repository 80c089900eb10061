using Microsoft.Extensions.Configuration;

namespace DnsLb.Hosting;

/// <summary>
/// Configuration merges lists index by index: <c>--Dns:Listen:0=127.0.0.1</c> over a file's
/// <c>["0.0.0.0", "::"]</c> would give <c>["127.0.0.1", "::"]</c>. An operator who names a list on the command
/// line means that list, so a list setting is taken whole from the last source that sets any of it.
/// </summary>
internal static class WholeListSettings
{
    public static List<string>? Read(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
            return null;
        foreach (var provider in root.Providers.Reverse())
        {
            var indexes = provider.GetChildKeys([], key).Distinct().ToList();
            if (indexes.Count == 0)
                continue;
            var values = new List<string>();
            foreach (var index in indexes.OrderBy(i => int.TryParse(i, out int n) ? n : int.MaxValue))
            {
                if (provider.TryGet($"{key}:{index}", out var value) && !string.IsNullOrWhiteSpace(value))
                    values.Add(value);
            }
            return values;
        }
        return null;
    }
}
