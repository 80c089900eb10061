using DnsLb.Zones;
using Microsoft.Extensions.Options;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// <c>Secondary:Directory</c> must be a folder of its own: the zones directory (or a folder inside it, which
/// its watcher sees) would have every saved copy served as a zone file too, or reloads on every save.
/// </summary>
internal sealed class SecondaryDirectoryValidator(IOptions<ZoneOptions> zones) : IValidateOptions<SecondaryOptions>
{
    public ValidateOptionsResult Validate(string? name, SecondaryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
            return ValidateOptionsResult.Skip; // the section's own check reports it
        var saved = Full(options.Directory);
        var zoneFiles = Full(zones.Value.ZonesDirectory);
        if (saved == zoneFiles || saved.StartsWith(zoneFiles + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail(
                $"{SecondaryOptions.Section}:{nameof(SecondaryOptions.Directory)} = {options.Directory}: is {(saved == zoneFiles ? "" : "inside ")}the zones directory "
                + $"(Dns:ZonesDirectory = {zones.Value.ZonesDirectory}); keep the saved copies of secondary zones in a folder of their own, e.g. secondary");
        }
        return ValidateOptionsResult.Success;
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
