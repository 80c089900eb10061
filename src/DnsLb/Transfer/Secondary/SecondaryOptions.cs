using System.ComponentModel.DataAnnotations;
using DnsLb.Protocol;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// The zones this server serves as a secondary, transferred from their primaries and kept on disk. Bound
/// from the <c>Secondary</c> section; the keys named here live in <c>Transfer:Keys</c>.
/// </summary>
public sealed class SecondaryOptions : IValidatableObject
{
    public const string Section = "Secondary";

    /// <summary>The zones by name (<c>Secondary:Zones:example.com:Primaries:0</c>). The default value is none.</summary>
    public Dictionary<string, SecondaryZoneOptions?> Zones { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where the last transferred copy of each zone is kept (one standard zone file per zone, named after it),
    /// so that a restart without the primary still serves. Keep it apart from <c>Dns:ZonesDirectory</c>,
    /// whose files DnsLb serves as primary zones. A relative path is relative to the working directory. The
    /// default value is <c>secondary</c>.
    /// </summary>
    public string Directory { get; set; } = "secondary";

    /// <summary>The zones, read (call after validation), with their keys from <paramref name="keys"/>.</summary>
    internal IReadOnlyList<SecondaryZone> ZoneList(TsigKeyRing keys)
    {
        var zones = new List<SecondaryZone>();
        foreach (var (name, zone) in Zones)
        {
            if (zone is null || !TryParseZone(name, out var origin))
                continue;
            var primaries = zone.Primaries.Select(p => PrimaryAddress.TryParse(p, out var endpoint, out _) ? endpoint : null).OfType<System.Net.IPEndPoint>().ToList();
            zones.Add(new SecondaryZone(origin, primaries, zone.Key is { Length: > 0 } key ? TransferOptions.Find(keys, key) : null));
        }
        return zones;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Directory))
            yield return new ValidationResult("must name a folder for the saved copies", [nameof(Directory)]);
        var origins = new Dictionary<DnsName, string>();
        foreach (var (name, zone) in Zones)
        {
            if (!TryParseZone(name, out var origin))
            {
                yield return new ValidationResult($"'{name}' is not a zone name", [$"{nameof(Zones)}:{name}"]);
                continue;
            }
            if (!origins.TryAdd(origin, name))
                yield return new ValidationResult($"the zone {origin} is listed twice (also as {origins[origin]})", [$"{nameof(Zones)}:{name}"]);
            if (zone is null)
                yield return new ValidationResult("needs at least one primary, as address[:port]", [$"{nameof(Zones)}:{name}:{nameof(SecondaryZoneOptions.Primaries)}"]);
        }
    }

    /// <summary>Checks that every key named here is in <c>Transfer:Keys</c>: the two sections are read together.</summary>
    public IEnumerable<string> KeyProblems(TransferOptions transfer)
    {
        foreach (var (name, zone) in Zones)
        {
            if (zone?.Key is { Length: > 0 } key && !transfer.Keys.ContainsKey(key) && !transfer.Keys.ContainsKey(key.TrimEnd('.')))
                yield return $"{Section}:{nameof(Zones)}:{name}:{nameof(SecondaryZoneOptions.Key)} = {key}: {transfer.KeyMissing(key)}";
        }
    }

    private static bool TryParseZone(string name, out DnsName origin)
    {
        var text = name.Trim();
        bool ok = DnsName.TryParse(text.EndsWith('.') ? text : text + ".", null, out var parsed, out _);
        origin = parsed ?? DnsName.Root;
        return ok && text.Length > 0;
    }
}
