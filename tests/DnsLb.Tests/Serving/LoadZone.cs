using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Serving;

/// <summary>
/// The zone the reload-under-load test rewrites, one version per serial. Every answer tells which version it
/// came from (the SOA serial, the SRV port, and the pool's TTL, 1000 + version), and each version has its
/// own set of pool members, so an answer that mixes two versions, or holds a member of another version, is
/// seen. One member, <see cref="Dead"/>, is in every version and has no web node: it is down, and an answer
/// that holds it was not made with its version's plans. The NS record comes last: any part of a file caught
/// while it is being written is not a zone.
/// </summary>
internal static class LoadZone
{
    public const string Origin = "load.test.";
    public const string Pool = "pool.load.test";
    public const uint TtlBase = 1000;

    /// <summary>A member of every version that no web node answers for: never in an answer once probed down.</summary>
    public const string Dead = "127.0.0.29";

    /// <summary>The addresses the other pool members are taken from (each has a web node).</summary>
    public static readonly string[] Addresses = [.. Enumerable.Range(21, 8).Select(i => $"127.0.0.{i}")];

    /// <summary>The live members of <paramref name="version"/>: a different non-empty subset for each of 255 versions in a row.</summary>
    public static IReadOnlySet<string> Members(uint version)
    {
        uint mask = (version * 73 % 255) + 1;
        return Addresses.Where((_, i) => (mask >> i & 1) != 0).ToHashSet();
    }

    public static string Text(uint version) =>
        $"$ORIGIN {Origin}\n$TTL 300\n@ IN SOA ns1 hostmaster {version} 3600 600 86400 60\n"
        + string.Concat(Members(version).Prepend(Dead).Select(a => $"pool {TtlBase + version} IN A {a}\n"))
        + $"www IN CNAME pool\n_svc._tcp IN SRV 0 0 {version} pool\nns1 IN A 127.0.0.1\n@ IN NS ns1\n";

    public static readonly (string Name, RecordType Type)[] Questions =
    [
        (Pool + ".", RecordType.A),
        ("www." + Origin, RecordType.A),
        ("_svc._tcp." + Origin, RecordType.SRV),
        (Origin, RecordType.SOA),
    ];

    /// <summary>The version an answer came from, or what is wrong with it.</summary>
    public static (uint Version, string? Error) Judge(DnsMessage answer, RecordType type)
    {
        if (answer.ResponseCode != 0 || !answer.Header.IsAuthoritative)
            return (0, $"rcode {answer.ResponseCode}, aa {answer.Header.IsAuthoritative}");
        switch (type)
        {
            case RecordType.SOA:
                return answer.Answers is [{ Data: SoaData soa }] ? (soa.Serial, null) : (0, "no single SOA");
            case RecordType.SRV:
                if (answer.Answers is not [{ Data: SrvData srv }])
                    return (0, "no single SRV");
                return JudgeAddresses(srv.Port, answer.Additionals.Where(r => r.Type == RecordType.A).ToList());
            default:
                var addresses = answer.Answers.Where(r => r.Type == RecordType.A).ToList();
                if (addresses.Count == 0)
                    return (0, "no address");
                return JudgeAddresses(addresses[0].Ttl - TtlBase, addresses);
        }
    }

    private static (uint, string?) JudgeAddresses(uint version, List<ResourceRecord> records)
    {
        if (records.Any(r => r.Ttl != TtlBase + version))
            return (version, $"version {version} with addresses of TTL {string.Join(",", records.Select(r => r.Ttl))}");
        var got = records.Select(r => ((AddressData)r.Data).Address.ToString()).ToHashSet();
        var expected = Members(version);
        return got.SetEquals(expected)
            ? (version, null)
            : (version, $"version {version}: got {string.Join(" ", got.Order())}, members are {string.Join(" ", expected.Order())}");
    }
}
