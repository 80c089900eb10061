namespace DnsLb.Micro;

/// <summary>
/// The zone the micro-benchmarks answer from: the developers' lab zone (a pool of three nodes, a CNAME to it,
/// static A/AAAA, MX, TXT) plus what the other query kinds need (a delegation with glue, an MX whose target
/// has an address, and a name whose TXT RRset is too big for a plain UDP answer). Loopback addresses only.
/// </summary>
internal static class BenchZone
{
    public const string Origin = "example.com.";

    public static string Text()
    {
        var zone = new System.Text.StringBuilder("""
            $ORIGIN example.com.
            $TTL 300
            @        IN SOA   ns1.example.com. hostmaster.example.com. ( 2024010101 3600 600 86400 60 )
            @        IN NS    ns1.example.com.
            @        IN MX    10 mail.example.com.
            @        IN TXT   "lab=dns-measurement"
            ns1      IN A     127.0.0.1
            mail     IN A     127.0.0.25
            mail     IN AAAA  ::1
            twopir 5 IN A     127.0.0.11
            twopir 5 IN A     127.0.0.12
            twopir 5 IN A     127.0.0.13
            www      IN CNAME twopir.example.com.
            static   IN A     127.0.0.20
            static   IN AAAA  ::1
            sub      IN NS    ns.sub.example.com.
            ns.sub   IN A     127.0.0.53

            """);
        // 40 strings of 60 characters: about 2.6 kB of answer, past 512 bytes (UDP without EDNS) and 1232 (EDNS).
        for (int i = 0; i < 40; i++)
            zone.Append("big IN TXT \"").Append(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(new string('x', 58)).Append("\"\n");
        return zone.ToString();
    }
}
