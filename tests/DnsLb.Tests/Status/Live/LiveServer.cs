using System.Globalization;
using System.Net;
using System.Text.Json;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Status;
using DnsLb.Tests.Status.Metrics;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// A running DnsLb with its status endpoint on 127.0.0.1 and a free port, serving example.com whose pool
/// twopir.example.com (TTL 1 s) has real web nodes on 127.0.0.11–13, probed over HTTP every 200 ms. The
/// pool's name is also an MX, SRV and NS target and the end of a CNAME, so its addresses appear in the
/// answer and additional sections. Reads the API, the metrics and the DNS answers as a user would.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    public const string Pool = "twopir.example.com";

    public static readonly string[] Members = ["127.0.0.11", "127.0.0.12", "127.0.0.13"];

    public const string Zone = """
        $ORIGIN example.com.
        $TTL 300
        @ IN SOA ns1 hostmaster 2026112101 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 127.0.0.1
        twopir 1 IN A 127.0.0.11
        twopir 1 IN A 127.0.0.12
        twopir 1 IN A 127.0.0.13
        www IN CNAME twopir
        @ IN MX 10 twopir
        _http._tcp IN SRV 0 0 80 twopir
        sib IN NS twopir

        """;

    /// <summary>Every query that carries the pool's addresses, and the section they are in.</summary>
    public static readonly (string Name, RecordType Type, MessageSection Section)[] Carriers =
    [
        ("twopir.example.com.", RecordType.A, MessageSection.Answer),
        ("www.example.com.", RecordType.A, MessageSection.Answer),
        ("example.com.", RecordType.MX, MessageSection.Additional),
        ("_http._tcp.example.com.", RecordType.SRV, MessageSection.Additional),
        ("x.sib.example.com.", RecordType.A, MessageSection.Additional),
    ];

    private LiveServer(TestServer server, Backends backends)
    {
        Server = server;
        Backends = backends;
        Http = new HttpClient { BaseAddress = server.StatusAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TestServer Server { get; }

    public Backends Backends { get; }

    public HttpClient Http { get; }

    public static async Task<LiveServer> StartAsync(IDictionary<string, string?>? settings = null, string zone = Zone, params string[] members)
    {
        var backends = Backends.Start(members.Length > 0 ? members : Members);
        var all = new Dictionary<string, string?>
        {
            ["Status:Listen"] = "127.0.0.1:0",
            [$"Pools:{Pool}:Probe:Kind"] = "Http",
            [$"Pools:{Pool}:Probe:Port"] = backends.Port.ToString(CultureInfo.InvariantCulture),
            [$"Pools:{Pool}:IntervalMs"] = "200",
            [$"Pools:{Pool}:RecheckMs"] = "50",
            ["Drain:RescanSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        try
        {
            var server = await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = zone }, all);
            return new LiveServer(server, backends);
        }
        catch
        {
            backends.Dispose();
            throw;
        }
    }

    /// <summary>GET /api/status, read into the documented records.</summary>
    public async Task<StatusDocument> StatusAsync()
    {
        using var response = await Http.GetAsync("api/status");
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize(text, StatusJsonContext.Default.StatusDocument)!;
    }

    public async Task<MemberStatus> MemberAsync(string address, string pool = Pool) =>
        (await StatusAsync()).Pools.Single(p => p.Name == pool).Members.Single(m => m.Address == address);

    /// <summary>Waits (bounded) until the member's status satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<MemberStatus> WaitForMemberAsync(string address, Func<MemberStatus, bool> condition, string what)
    {
        MemberStatus? last = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            last = await MemberAsync(address);
            if (condition(last))
                return last;
            await Task.Delay(50);
        }
        throw new TimeoutException($"not within 30 s: {address} {what}; last seen: {last}");
    }

    /// <summary>Waits (bounded) until the status satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<StatusDocument> WaitForStatusAsync(Func<StatusDocument, bool> condition, string what)
    {
        StatusDocument? last = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            last = await StatusAsync();
            if (condition(last))
                return last;
            await Task.Delay(50);
        }
        throw new TimeoutException($"not within 30 s: {what}; last seen: {JsonSerializer.Serialize(last, StatusJsonContext.Default.StatusDocument!)}");
    }

    /// <summary>Every member of the pool confirmed up, and the change recorded (it is published before it is announced).</summary>
    public async Task WaitAllUpAsync()
    {
        foreach (var address in Backends.Nodes.Select(n => n.Address.ToString()))
            await WaitForMemberAsync(address, m => m.State == MemberState.Up && m.Transitions.FirstOrDefault()?.To == MemberState.Up, "up");
    }

    /// <summary>
    /// Waits until the member is in <paramref name="state"/> and what follows from the change is recorded: its
    /// transition, and whether it is out of the answers (both noted when the change is announced, just after
    /// the state is published).
    /// </summary>
    public Task<MemberStatus> WaitForStateAsync(string address, MemberState state) =>
        WaitForMemberAsync(address, m => m.State == state && m.Transitions.FirstOrDefault()?.To == state
            && (state == MemberState.Down) == (m.OutOfAnswersSince is not null || m.Drained), $"{state}, recorded");

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string address, string verb, string pool = Pool)
    {
        using var response = await Http.PostAsync($"api/pools/{pool}/members/{Uri.EscapeDataString(address)}/{verb}", null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>GET /metrics, parsed by the strict reader.</summary>
    public async Task<Dictionary<string, PrometheusText.Family>> MetricsAsync()
    {
        using var response = await Http.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits (bounded) until the metrics satisfy <paramref name="condition"/>, and returns them.</summary>
    public async Task<Dictionary<string, PrometheusText.Family>> WaitForMetricsAsync(Func<Dictionary<string, PrometheusText.Family>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = await MetricsAsync();
            if (condition(metrics))
                return metrics;
            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>The pool's addresses in the section where <paramref name="carrier"/> carries them, over UDP.</summary>
    public string[] AddressesIn((string Name, RecordType Type, MessageSection Section) carrier)
    {
        var answer = DnsTestClient.Udp(Server.Port, carrier.Name, carrier.Type);
        Assert.Equal(0, answer.ResponseCode);
        var records = carrier.Section == MessageSection.Answer ? answer.Answers : answer.Additionals;
        return [.. records.Where(r => r.Data is AddressData).Select(r => r.Data.ToString()).Where(Members.Contains).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The pool's addresses answered for its name.</summary>
    public string[] Answered() => AddressesIn(Carriers[0]);

    /// <summary>Waits (bounded) until every query that carries the pool carries exactly <paramref name="expected"/>.</summary>
    public Task WaitForAnswersAsync(string[] expected, string what) =>
        Eventually.True(() => Carriers.All(c => AddressesIn(c).SequenceEqual(expected)), $"{what}: every section carries [{string.Join(", ", expected)}]");

    /// <summary>Creates the drain directory when needed and a file named <paramref name="name"/> in it.</summary>
    public string TouchDrainFile(string name)
    {
        Directory.CreateDirectory(Server.DrainDirectory);
        var path = Path.Combine(Server.DrainDirectory, name);
        File.WriteAllText(path, "");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Backends.Dispose();
    }
}
