using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// The zone the live transfer tests serve (example.com with the pool www on real web nodes), starting a DnsLb
/// primary or secondary for it, and comparing two servers' answers as sets.
/// </summary>
internal static class LiveZone
{
    public const string Origin = "example.com";

    public const string Pool = "www.example.com";

    /// <summary>The web nodes behind the pool www.</summary>
    public static readonly string[] Nodes = ["127.0.0.41", "127.0.0.42", "127.0.0.43"];

    /// <summary>The questions whose answers must be the same on a secondary as on its primary.</summary>
    public static readonly (string Name, RecordType Type)[] Questions =
    [
        ("example.com.", RecordType.SOA), ("example.com.", RecordType.NS), ("example.com.", RecordType.MX), ("example.com.", RecordType.TXT),
        ("www.example.com.", RecordType.A), ("www.example.com.", RecordType.AAAA), ("web.example.com.", RecordType.A),
        ("_http._tcp.example.com.", RecordType.SRV), ("mail.example.com.", RecordType.A), ("nope.example.com.", RecordType.A),
        ("new.example.com.", RecordType.A),
    ];

    /// <summary>Version <paramref name="serial"/> of the zone, with <paramref name="extra"/> lines at its end.</summary>
    public static string Text(uint serial, params string[] extra) => $"""
        $ORIGIN example.com.
        $TTL 300
        @ IN SOA ns1 hostmaster {serial} 3600 600 86400 60
        @ IN NS ns1
        @ IN MX 10 mail
        @ IN TXT "v=spf1 -all"
        ns1 IN A 127.0.0.1
        mail IN A 127.0.0.25
        www 5 IN A {Nodes[0]}
        www 5 IN A {Nodes[1]}
        www 5 IN A {Nodes[2]}
        web IN CNAME www
        _http._tcp IN SRV 0 5 80 www
        {string.Join("\n", extra)}

        """;

    /// <summary>The pool www probed over HTTP on the web nodes' port, fast (the behaviour is the defaults', sooner).</summary>
    public static Dictionary<string, string?> PoolSettings(Backends backends) => new()
    {
        [$"Pools:{Pool}:Probe:Kind"] = "Http",
        [$"Pools:{Pool}:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture),
        [$"Pools:{Pool}:IntervalMs"] = "200",
        [$"Pools:{Pool}:RecheckMs"] = "50",
    };

    /// <summary>A DnsLb primary serving version 1 of the zone, on 127.0.0.1, with these settings added to the pool's.</summary>
    public static Task<TestServer> StartPrimaryAsync(Backends backends, IDictionary<string, string?> settings, uint serial = 1, params string[] extra)
    {
        var all = PoolSettings(backends);
        foreach (var (key, value) in settings)
            all[key] = value;
        return TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = Text(serial, extra) }, all);
    }

    /// <summary>Saves version <paramref name="serial"/> of the zone on <paramref name="server"/>, as an operator edits it.</summary>
    public static void Edit(TestServer server, uint serial, params string[] extra) => File.WriteAllText(server.ZoneFile("example.com.zone"), Text(serial, extra));

    /// <summary>An answer as a set: rcode, AA, and every answer record (owner, TTL, type, data) sorted.</summary>
    public static string Shape(DnsMessage answer) =>
        $"{(ResponseCode)answer.ResponseCode} aa={answer.Header.IsAuthoritative} " +
        string.Join(" | ", answer.Answers.Select(r => $"{r.Owner} {r.Ttl} {r.Type} {r.Data}".ToLowerInvariant()).Order(StringComparer.Ordinal));

    /// <summary>The addresses of an answer, sorted.</summary>
    public static string[] Addresses(DnsMessage answer) =>
        [.. answer.Answers.Where(a => a.Type is RecordType.A or RecordType.AAAA).Select(a => a.Data.ToString()!).Order(StringComparer.Ordinal)];

    /// <summary>Every question's answer from both servers, side by side where they differ (empty: they agree).</summary>
    public static List<string> Differences(Func<string, RecordType, DnsMessage> primary, Func<string, RecordType, DnsMessage> secondary)
    {
        var differences = new List<string>();
        foreach (var (name, type) in Questions)
        {
            var (ours, theirs) = (Shape(primary(name, type)), Shape(secondary(name, type)));
            if (ours != theirs)
                differences.Add($"{name} {type}:\n  primary:   {ours}\n  secondary: {theirs}");
        }
        return differences;
    }

    public static DnsMessage Ask(TestServer server, string name, RecordType type, string address = "127.0.0.1") =>
        DnsTestClient.Udp(server.Port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), 1232), address);

    /// <summary>The serial <paramref name="server"/> answers for the zone, or null when it serves none.</summary>
    public static uint? Serial(TestServer server, string address = "127.0.0.1")
    {
        var answer = DnsTestClient.TryUdpRaw(server.Port, DnsMessage.Query(Origin + ".", RecordType.SOA).Encode(), TimeSpan.FromSeconds(2), address);
        return answer is not null && DnsMessage.TryParse(answer, out var message) == ParseStatus.Ok && message!.ResponseCode == 0
            && message.Answers is [{ Data: DnsLb.Protocol.RecordData.SoaData soa }] ? soa.Serial : null;
    }
}
