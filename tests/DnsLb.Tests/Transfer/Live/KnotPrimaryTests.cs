using System.Globalization;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// Knot DNS as the primary, DnsLb its secondary, with a TSIG key made by keymgr: DnsLb transfers the zone at
/// start, an edit on Knot reaches it by NOTIFY and IXFR, and the pool in the transferred zone is probed by
/// DnsLb itself, exactly as in a zone file.
/// </summary>
public sealed class KnotPrimaryTests
{
    [Theory]
    [InlineData("hmac-sha256")]
    [InlineData("hmac-sha512")]
    public async Task EditOnKnot_ReachesDnsLb_ByNotifyAndIxfr_AndThePoolIsProbedHere(string algorithm)
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        using var files = new ZoneDirectory();
        var key = GeneratedKey.FromKeymgr("pi-pair", algorithm);
        int dnslbPort = FreePort.Find();
        using var knot = KnotServer.Start([(files.Write("example.com.zone", LiveZone.Text(1)), LiveZone.Origin)], new KnotOptions
        {
            Keys = [key.Tuple],
            TransferKey = key.Name,
            Journal = true,
            NotifyPorts = [dnslbPort],
        });
        var settings = LiveZone.PoolSettings(backends);
        foreach (var (name, value) in key.Settings())
            settings[name] = value;
        settings["Dns:Port"] = dnslbPort.ToString(CultureInfo.InvariantCulture);
        settings["Secondary:Zones:example.com:Primaries:0"] = $"127.0.0.1:{knot.Port}";
        settings["Secondary:Zones:example.com:Key"] = key.Name;
        await using var dnslb = await TestServer.StartAsync(new Dictionary<string, string>(), settings);

        await Eventually.True(() => LiveZone.Serial(dnslb) == 1, "DnsLb serves serial 1 from Knot");
        Assert.Contains(dnslb.Log.Lines, l => l.Contains("serial none → 1 from 127.0.0.1:", StringComparison.Ordinal) && l.Contains("by AXFR", StringComparison.Ordinal));
        Assert.Empty(LiveZone.Differences(KnotAsk(knot), (n, t) => LiveZone.Ask(dnslb, n, t)));

        // The pool's members are the transferred records, probed by this DnsLb: a dead node leaves its answers (Knot knows nothing of health).
        backends["127.0.0.42"].Stop();
        await Eventually.True(() => LiveZone.Addresses(LiveZone.Ask(dnslb, "www.example.com.", RecordType.A)).SequenceEqual(["127.0.0.41", "127.0.0.43"]),
            "DnsLb's own probe drops 127.0.0.42");
        Assert.Equal(3, LiveZone.Addresses(KnotAsk(knot)("www.example.com.", RecordType.A)).Length);
        backends["127.0.0.42"].Start();
        await Eventually.True(() => LiveZone.Addresses(LiveZone.Ask(dnslb, "www.example.com.", RecordType.A)).Length == 3, "127.0.0.42 back");

        File.WriteAllText(knot.ZoneFile(LiveZone.Origin), LiveZone.Text(2, "new IN A 127.0.0.60", "www 5 IN A 127.0.0.44"));
        knot.Reload(LiveZone.Origin, 2);
        await Eventually.True(() => LiveZone.Serial(dnslb) == 2, "DnsLb serves serial 2");
        var log = string.Join("\n", dnslb.Log.Lines);
        Assert.Contains("NOTIFY for secondary zone example.com. from 127.0.0.1 (serial 2)", log, StringComparison.Ordinal);
        Assert.Contains("serial 1 → 2 from 127.0.0.1:", log, StringComparison.Ordinal);
        Assert.Contains("by IXFR", log, StringComparison.Ordinal);
        // 127.0.0.44 is a new member with nothing listening: probed by DnsLb, found down, left out.
        await Eventually.True(() => dnslb.Log.Contains("pool www.example.com: 127.0.0.44 DOWN"), "the new member probed and found down");
        Assert.Equal(["127.0.0.60"], LiveZone.Addresses(LiveZone.Ask(dnslb, "new.example.com.", RecordType.A)));
        Assert.Equal(LiveZone.Nodes, LiveZone.Addresses(LiveZone.Ask(dnslb, "www.example.com.", RecordType.A)));
    }

    private static Func<string, RecordType, DnsMessage> KnotAsk(KnotServer knot) =>
        (name, type) => DnsTestClient.Udp(knot.Port, DnsMessage.Query(name, type, (ushort)Random.Shared.Next(1, 65535), 1232));
}
