using System.Globalization;
using System.Text;

namespace DnsLb.Bench;

/// <summary>
/// Writes a synthetic but realistic zone of a given size: a pool name with 2,000 addresses (the case that
/// once made loading quadratic), then hosts with A/AAAA, mail, text, aliases and services, names a few labels
/// deep (empty non-terminals), and one delegation with glue in every hundred hosts. Deterministic, so Knot
/// and DnsLb read byte-identical files.
/// </summary>
internal static class ZoneGenerator
{
    public const string Origin = "bench.test.";
    public const int PoolSize = 2_000;

    /// <summary>The SOA serial of a generated zone (the Knot benchmark raises it to force a reload).</summary>
    public const uint Serial = 2026112101;

    /// <summary>Writes about <paramref name="records"/> records to <paramref name="path"/>; returns the exact count.</summary>
    public static int Write(string path, int records)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var invariant = CultureInfo.InvariantCulture;
        writer.Write($"""
            $ORIGIN {Origin}
            $TTL 3600
            @        IN SOA ns1 hostmaster {Serial} 3600 600 86400 60
            @        IN NS  ns1
            @        IN NS  ns2
            ns1      IN A   127.0.0.1
            ns2      IN A   127.0.0.2
            @        IN MX  10 mail
            mail     IN A   127.0.0.3

            """);
        int written = 7;
        int pool = Math.Min(PoolSize, records / 4);
        for (int i = 0; i < pool; i++)
            writer.Write(string.Create(invariant, $"pool 5 IN A 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\n"));
        written += pool;

        for (int host = 0; written < records; host++)
        {
            // Hosts spread over 1,000 departments two labels down, so most owners have empty non-terminals above.
            string name = string.Create(invariant, $"h{host}.d{host % 1000}.site");
            int b = host >> 8 & 255, c = host & 255;
            switch (host % 10)
            {
                case 0 when host % 100 == 0:
                    writer.Write(string.Create(invariant, $"sub{host} IN NS ns.sub{host}\nsub{host} IN NS ns2.sub{host}\nns.sub{host} IN A 10.1.{b}.{c}\nns2.sub{host} IN AAAA fd00::{host >> 16:x}:{host & 0xffff:x}\n"));
                    written += 4;
                    break;
                case 1:
                    writer.Write(string.Create(invariant, $"{name} IN CNAME h{host - 1}.d{(host - 1) % 1000}.site\n"));
                    written += 1;
                    break;
                case 2:
                    writer.Write(string.Create(invariant, $"{name} 300 IN A 10.2.{b}.{c}\n    IN MX 10 mail\n    IN TXT \"v=spf1 ip4:10.2.{b}.{c} -all\"\n"));
                    written += 3;
                    break;
                case 3:
                    writer.Write(string.Create(invariant, $"_http._tcp.{name} IN SRV 0 5 80 {name}\n{name} IN A 10.3.{b}.{c}\n"));
                    written += 2;
                    break;
                default:
                    writer.Write(string.Create(invariant, $"{name} IN A 10.4.{b}.{c}\n{name} IN AAAA fd00:4::{host >> 16:x}:{host & 0xffff:x}\n"));
                    written += 2;
                    break;
            }
        }
        return written;
    }
}
