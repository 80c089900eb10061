using System.Text;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;
using DnsLb.Zones.Parsing;

namespace DnsLb.Tests.Transfer;

/// <summary>Zones built from text, as a file would be loaded, for the transfer tests.</summary>
internal static class TransferZones
{
    public const string Example = """
        $ORIGIN example.com.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        @ IN MX 10 mail
        ns1 IN A 127.0.0.1
        mail IN A 127.0.0.3
        twopir 5 IN A 127.0.0.11
        twopir 5 IN A 127.0.0.12
        www IN CNAME twopir
        txt IN TXT "hello world" "second string"
        _sip._tcp IN SRV 10 20 5060 sip
        sip IN AAAA ::1
        a.b.c IN A 127.0.0.5
        sub IN NS ns.sub
        ns.sub IN A 127.0.0.6
        """;

    public static Zone Parse(string text, string origin = "example.com")
    {
        var parsed = ZoneFileParser.Parse(origin + ".zone", text, ZoneFileParser.OriginFromFileName(origin + ".zone"));
        var result = ZoneBuilder.Build(parsed, origin + ".zone");
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    /// <summary>The example zone with <paramref name="serial"/> and the extra lines appended.</summary>
    public static Zone Version(uint serial, params string[] extra) =>
        Parse(Example.Replace("hostmaster 1 ", $"hostmaster {serial} ", StringComparison.Ordinal) + "\n" + string.Join("\n", extra) + "\n");

    /// <summary>A zone too large for one message: <paramref name="hosts"/> names, each with an A and a TXT record.</summary>
    public static Zone Large(int hosts, uint serial = 1)
    {
        var text = new StringBuilder(Example.Replace("hostmaster 1 ", $"hostmaster {serial} ", StringComparison.Ordinal)).Append('\n');
        for (int i = 0; i < hosts; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"host{i} IN A 127.1.{i / 250}.{i % 250 + 1}\nhost{i} IN TXT \"padding padding padding padding {i}\"\n");
        return Parse(text.ToString());
    }

    public static ServedZone Served(Zone zone) => ServedZone.First(zone, HistoryLimits.Default);
}
