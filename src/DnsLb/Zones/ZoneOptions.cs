namespace DnsLb.Zones;

/// <summary>Where zone files come from. Bound from the <c>Dns</c> configuration section.</summary>
public sealed class ZoneOptions
{
    /// <summary>
    /// The folder of zone files: every <c>*.zone</c> file in it is one zone (usually named <c>&lt;zone&gt;.zone</c>);
    /// files with other names are read only when a zone <c>$INCLUDE</c>s them. A relative path is relative to
    /// the working directory. The default value is <c>zones</c>.
    /// </summary>
    public string ZonesDirectory { get; set; } = "zones";
}
