namespace DnsLb.Zones;

/// <summary>Where zone files come from. Bound from the <c>Dns</c> configuration section.</summary>
public sealed class ZoneOptions
{
    /// <summary>
    /// The folder of zone files, one per zone, named <c>&lt;zone&gt;.zone</c>; relative paths are relative to the
    /// working directory. The default value is <c>zones</c>.
    /// </summary>
    public string ZonesDirectory { get; set; } = "zones";
}
