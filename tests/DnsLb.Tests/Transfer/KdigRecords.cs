using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;

namespace DnsLb.Tests.Transfer;

/// <summary>
/// Runs kdig (knot-dnsutils) and dig (bind9-dnsutils) against a loopback server and reads what they print
/// in RFC 3597's generic form (<c>+generic</c>), so records compare with ours by their wire bytes.
/// </summary>
internal static class KdigRecords
{
    public static (int ExitCode, string Output) Kdig(int port, params string[] arguments)
    {
        var kdig = ExternalTool.Require("kdig", "knot-dnsutils");
        var (code, output, error) = ExternalTool.Run(kdig, ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+generic", .. arguments]);
        return (code, output + error);
    }

    public static (int ExitCode, string Output) Dig(int port, params string[] arguments)
    {
        var dig = ExternalTool.Require("dig", "bind9-dnsutils");
        var (code, output, error) = ExternalTool.Run(dig, ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. arguments]);
        return (code, output + error);
    }

    /// <summary>The records kdig printed (its TSIG lines aside), as "owner ttl TYPEn hex" lines, in order.</summary>
    public static List<string> Records(string output)
    {
        var records = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith(';'))
                continue;
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // owner ttl CLASSn TYPEn \# length hex…
            if (fields.Length < 6 || fields[3] == "TYPE250")
                continue;
            records.Add($"{fields[0].ToLowerInvariant()} {fields[1]} {fields[3]} {string.Concat(fields[6..]).ToLowerInvariant()}".TrimEnd());
        }
        return records;
    }

    /// <summary>A record in the form <see cref="Records"/> gives.</summary>
    public static string Line(DnsName owner, uint ttl, DnsLb.Protocol.RecordData.RData data) =>
        FormattableString.Invariant($"{owner.ToString().ToLowerInvariant()} {ttl} TYPE{(ushort)data.Type} {Convert.ToHexString(data.Wire).ToLowerInvariant()}").TrimEnd();

    /// <summary>Every record of the zone (SOA first), as <see cref="Records"/> gives them.</summary>
    public static List<string> Lines(Zone zone) => [.. ZoneRecords.All(zone).Select(r => Line(r.Owner, r.Ttl, r.Data))];
}
