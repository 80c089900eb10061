using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// DnsLb to DnsLb, as the README's "Two DnsLb servers" sets them up: an edit on the primary reaches the
/// secondary (NOTIFY, IXFR, TSIG), each probes the pool on its own, the secondary keeps answering when the
/// primary dies, and a restart of the secondary without its primary serves the saved copy.
/// </summary>
public sealed class DnsLbPairTests
{
    private const string Primary = DnsLbPair.PrimaryAddress;
    private const string Secondary = DnsLbPair.SecondaryAddress;

    private static string[] Www(TestServer server, string address) => LiveZone.Addresses(LiveZone.Ask(server, "www.example.com.", RecordType.A, address));

    [Fact]
    public async Task EditOnThePrimary_ReachesTheSecondary_EvenWithTheSerialNotRaised()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using var pair = await DnsLbPair.StartAsync(backends);
        Assert.Empty(LiveZone.Differences((n, t) => LiveZone.Ask(pair.Primary!, n, t, Primary), (n, t) => LiveZone.Ask(pair.Secondary!, n, t, Secondary)));

        LiveZone.Edit(pair.Primary!, 2, "new IN A 127.0.0.60");
        await Eventually.True(() => LiveZone.Addresses(LiveZone.Ask(pair.Secondary!, "new.example.com.", RecordType.A, Secondary)).Length == 1, "the edit on the secondary");
        Assert.Equal(2u, LiveZone.Serial(pair.Secondary!, Secondary));
        Assert.True(pair.Secondary!.Log.Contains($"NOTIFY for secondary zone example.com. from {Primary} (serial 2)"));
        Assert.True(pair.Secondary.Log.Contains("serial 1 → 2 from 127.0.0.21:"));
        Assert.Contains(pair.Secondary.Log.Lines, l => l.Contains("serial 1 → 2", StringComparison.Ordinal) && l.Contains("by IXFR", StringComparison.Ordinal));

        // Saved again with serial 2 left as it was: the primary serves 3 (one above what it served), and so does the secondary.
        LiveZone.Edit(pair.Primary!, 2, "new IN A 127.0.0.60", "other IN A 127.0.0.61");
        await Eventually.True(() => LiveZone.Addresses(LiveZone.Ask(pair.Secondary!, "other.example.com.", RecordType.A, Secondary)).Length == 1, "the second edit on the secondary");
        Assert.Equal(3u, LiveZone.Serial(pair.Primary!, Primary));
        Assert.Equal(3u, LiveZone.Serial(pair.Secondary, Secondary));
        Assert.Empty(LiveZone.Differences((n, t) => LiveZone.Ask(pair.Primary!, n, t, Primary), (n, t) => LiveZone.Ask(pair.Secondary!, n, t, Secondary)));
    }

    [Fact]
    public async Task EachServer_ProbesThePoolItself()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using var pair = await DnsLbPair.StartAsync(backends);
        await Eventually.True(() => backends.Nodes.All(n => n.Requests > 0), "every node probed");

        backends["127.0.0.43"].Stop();
        await Eventually.True(() => Www(pair.Secondary!, Secondary).SequenceEqual(["127.0.0.41", "127.0.0.42"]), "127.0.0.43 gone on the secondary");
        await Eventually.True(() => Www(pair.Primary!, Primary).SequenceEqual(["127.0.0.41", "127.0.0.42"]), "127.0.0.43 gone on the primary");
        // Each found it down by its own probes: no new version went from one to the other (Members=All).
        Assert.True(pair.Secondary!.Log.Contains("pool www.example.com: 127.0.0.43 DOWN"));
        Assert.True(pair.Primary!.Log.Contains("pool www.example.com: 127.0.0.43 DOWN"));
        Assert.Equal(1u, LiveZone.Serial(pair.Secondary, Secondary));
    }

    [Fact]
    public async Task PrimaryDies_TheSecondaryKeepsAnswering_AndRestartedWithoutIt_ServesItsSavedCopy()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using var pair = await DnsLbPair.StartAsync(backends);
        LiveZone.Edit(pair.Primary!, 2, "new IN A 127.0.0.60");
        await Eventually.True(() => LiveZone.Serial(pair.Secondary!, Secondary) == 2, "serial 2 on the secondary");
        int primaryPort = pair.Primary!.Port;

        await pair.StopPrimaryAsync();
        Assert.Equal(LiveZone.Nodes, Www(pair.Secondary!, Secondary));
        Assert.Equal(["127.0.0.60"], LiveZone.Addresses(LiveZone.Ask(pair.Secondary!, "new.example.com.", RecordType.A, Secondary)));

        await pair.RestartSecondaryAsync(primaryPort);
        await Eventually.True(() => LiveZone.Serial(pair.Secondary!, Secondary) == 2, "the restarted secondary serves serial 2");
        Assert.True(pair.Secondary!.Log.Contains("secondary zone example.com.: serving the saved copy, serial 2"));
        Assert.Equal(["127.0.0.60"], LiveZone.Addresses(LiveZone.Ask(pair.Secondary, "new.example.com.", RecordType.A, Secondary)));
        // Its pool works on the saved copy: a node that dies now leaves its answers.
        backends["127.0.0.41"].Stop();
        await Eventually.True(() => Www(pair.Secondary!, Secondary).SequenceEqual(["127.0.0.42", "127.0.0.43"]), "127.0.0.41 gone on the restarted secondary");
    }

    [Fact]
    public async Task SecondaryFurtherBehindThanTheHistory_GetsTheWholeZone_ThenIxfrAgain()
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        await using var pair = await DnsLbPair.StartAsync(backends, primarySettings: new Dictionary<string, string?> { ["Transfer:HistoryVersions"] = "1" });
        await pair.StopSecondaryAsync();
        LiveZone.Edit(pair.Primary!, 2, "new IN A 127.0.0.60");
        await Eventually.True(() => LiveZone.Serial(pair.Primary!, Primary) == 2, "serial 2 on the primary");
        LiveZone.Edit(pair.Primary!, 3, "new IN A 127.0.0.60", "other IN A 127.0.0.61");
        await Eventually.True(() => LiveZone.Serial(pair.Primary!, Primary) == 3, "serial 3 on the primary");

        // Back with serial 1 from its saved copy: the history keeps only 2 → 3, so its IXFR from 1 is answered with the whole zone (RFC 1995 §4).
        await pair.StartSecondaryAgainAsync(pair.SecondaryPort, pair.Primary!.Port);
        await Eventually.True(() => LiveZone.Serial(pair.Secondary!, Secondary) == 3, "serial 3 on the secondary");
        Assert.True(pair.Primary!.Log.Contains($"transfer of example.com. (Full, serial 3, client had 1) to {Secondary} (All)"), string.Join("\n", pair.Primary.Log.Lines));
        Assert.Contains(pair.Secondary!.Log.Lines, l => l.Contains("serial 1 → 3", StringComparison.Ordinal) && l.Contains("by AXFR", StringComparison.Ordinal));

        LiveZone.Edit(pair.Primary!, 4, "new IN A 127.0.0.60");
        await Eventually.True(() => LiveZone.Serial(pair.Secondary!, Secondary) == 4, "serial 4 on the secondary");
        Assert.True(pair.Primary.Log.Contains($"transfer of example.com. (Incremental, serial 4, client had 3) to {Secondary} (All)"));
        Assert.Empty(LiveZone.Addresses(LiveZone.Ask(pair.Secondary!, "other.example.com.", RecordType.A, Secondary)));
    }
}
