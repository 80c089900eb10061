using System.ComponentModel.DataAnnotations;

namespace DnsLb.Zones;

/// <summary>Where zone files come from, and how changes to them are picked up. Bound from the <c>Dns</c> configuration section.</summary>
public sealed class ZoneOptions
{
    /// <summary>
    /// The folder of zone files: every <c>*.zone</c> file in it is one zone (usually named <c>&lt;zone&gt;.zone</c>);
    /// files with other names are read only when a zone <c>$INCLUDE</c>s them. A relative path is relative to
    /// the working directory. The default value is <c>zones</c>.
    /// </summary>
    public string ZonesDirectory { get; set; } = "zones";

    /// <summary>
    /// After a change in the zones folder (or to the settings file), how long no further change must be seen
    /// before the reload: an editor's save is often several writes. The default value is 200 ms.
    /// </summary>
    [Range(0, 10_000)]
    public int ZonesReloadDelayMs { get; set; } = 200;

    /// <summary>
    /// How often the zones folder and the settings file are looked at anyway, in case a change notification
    /// was missed (network file systems send none): files whose size or time changed are read again. 0 turns
    /// it off (SIGHUP still reloads). The default value is 30 s.
    /// </summary>
    [Range(0, 86_400)]
    public int ZonesRescanSeconds { get; set; } = 30;
}
