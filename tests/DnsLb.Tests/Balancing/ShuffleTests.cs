using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Balancing;

/// <summary>
/// Every response holds the healthy members in a fresh uniformly random order. Checked with chi-square
/// tests at p &lt; 1e-6: a correct shuffle fails them about once in a million runs.
/// </summary>
public sealed class ShuffleTests
{
    private const double ChiSquareDf2 = 27.7;  // P(X > 27.7) < 1e-6 for 2 degrees of freedom
    private const double ChiSquareDf5 = 35.9;  // P(X > 35.9) < 1e-6 for 5 degrees of freedom
    private const double ChiSquareDf9 = 46.0;  // P(X > 46.0) < 1e-6 for 9 degrees of freedom

    private static double ChiSquare(IEnumerable<int> observed, double expected) => observed.Sum(o => (o - expected) * (o - expected) / expected);

    private static async Task<TestServer> StartPool(Backends backends, string zoneRecords, int maxAnswers = 8)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pools:pool.example.com:Probe:Kind"] = "Tcp",
            ["Pools:pool.example.com:Probe:Port"] = backends.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pools:pool.example.com:MaxAnswers"] = maxAnswers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = TestZones.Header + zoneRecords }, settings);
    }

    [Fact]
    public async Task FirstPosition_AndWholeOrder_AreUniform_OverUdpAndTcp()
    {
        using var backends = Backends.Start("127.0.0.11", "127.0.0.12", "127.0.0.13");
        await using var server = await StartPool(backends, "pool 5 IN A 127.0.0.11\npool 5 IN A 127.0.0.12\npool 5 IN A 127.0.0.13\n");
        const int n = 6000;
        var first = new Dictionary<string, int>();
        var orders = new Dictionary<string, int>();
        var query = DnsMessage.Query("pool.example.com.", RecordType.A, 7);
        var tcpQueries = Enumerable.Repeat(query.Encode(), n / 2).ToList();
        var answers = Enumerable.Range(0, n / 2).Select(_ => DnsTestClient.Udp(server.Port, query))
            .Concat(DnsTestClient.TcpRaw(server.Port, tcpQueries).Select(DnsTestClient.Parse));
        foreach (var answer in answers)
        {
            var addresses = answer.Answers.Select(a => a.Data.ToString()).ToList();
            Assert.Equal(3, addresses.Distinct().Count());
            first[addresses[0]] = first.GetValueOrDefault(addresses[0]) + 1;
            string order = string.Join(",", addresses);
            orders[order] = orders.GetValueOrDefault(order) + 1;
        }

        Assert.Equal(3, first.Count);
        Assert.True(ChiSquare(first.Values, n / 3.0) < ChiSquareDf2, $"first positions {string.Join(" ", first)}");
        Assert.Equal(6, orders.Count);
        Assert.True(ChiSquare(orders.Values, n / 6.0) < ChiSquareDf5, $"orders {string.Join(" ", orders)}");
    }

    [Fact]
    public async Task MaxAnswers_GivesAUniformRandomSubset_OfThatSize()
    {
        var addresses = Enumerable.Range(31, 10).Select(i => $"127.0.0.{i}").ToArray();
        using var backends = Backends.Start(addresses);
        await using var server = await StartPool(backends, string.Concat(addresses.Select(a => $"pool 5 IN A {a}\n")), maxAnswers: 3);
        const int n = 4000;
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < n; i++)
        {
            var answer = DnsTestClient.Udp(server.Port, "pool.example.com.", RecordType.A);
            var chosen = answer.Answers.Select(a => a.Data.ToString()).ToList();
            Assert.Equal(3, chosen.Distinct().Count());
            foreach (var address in chosen)
                seen[address] = seen.GetValueOrDefault(address) + 1;
        }
        Assert.Equal(10, seen.Count);
        Assert.True(ChiSquare(seen.Values, n * 3 / 10.0) < ChiSquareDf9, $"appearances {string.Join(" ", seen)}");
    }

    [Fact]
    public void TakeRandom_NeverReturnsFewerThanTwo_WhenTwoAreAvailable()
    {
        Span<int> items = stackalloc int[2];
        for (int i = 0; i < 100; i++)
        {
            items[0] = 0;
            items[1] = 1;
            Assert.Equal(2, DnsLb.Balancing.Shuffle.TakeRandom(items, 8));
        }
    }
}
