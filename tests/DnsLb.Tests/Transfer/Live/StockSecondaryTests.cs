using System.Globalization;
using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// DnsLb as the primary of stock secondaries (Knot DNS, NSD, BIND), each on its own loopback address: the
/// zone goes out by AXFR, an edit by NOTIFY and IXFR, and the secondary answers as DnsLb does (as sets).
/// </summary>
public sealed class StockSecondaryTests
{
    /// <summary>
    /// Knot and NSD each on a loopback address of its own, as a secondary on another machine would be; BIND
    /// listens only on addresses an interface holds, and lo holds 127.0.0.1 alone, so BIND shares that one with
    /// the test's own queries (fine where the primary treats them alike: Members=All).
    /// </summary>
    internal static string AddressOf(SecondaryKind kind) => kind switch
    {
        SecondaryKind.Knot => "127.0.0.31",
        SecondaryKind.Nsd => "127.0.0.32",
        _ => "127.0.0.1",
    };

    /// <summary>Transfer:Secondaries:0 for a secondary at <paramref name="address"/>:<paramref name="port"/>.</summary>
    internal static Dictionary<string, string?> Listed(string address, int port, string members) => new()
    {
        ["Transfer:Secondaries:0:Address"] = address,
        ["Transfer:Secondaries:0:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Transfer:Secondaries:0:Members"] = members,
    };

    [Theory]
    [InlineData(SecondaryKind.Knot)]
    [InlineData(SecondaryKind.Nsd)]
    [InlineData(SecondaryKind.Bind)]
    public async Task Secondary_AfterAxfrThenIxfr_AnswersAsDnsLbDoes(SecondaryKind kind)
    {
        using var backends = Backends.Start(LiveZone.Nodes);
        var address = AddressOf(kind);
        int port = FreePort.Find(address);
        await using var primary = await LiveZone.StartPrimaryAsync(backends, Listed(address, port, "All"));
        using var secondary = StockSecondary.Start(kind, LiveZone.Origin, address, port, new IPEndPoint(IPAddress.Loopback, primary.Port));

        Assert.Equal(1u, secondary.Serial(LiveZone.Origin));
        Assert.Contains($"transfer of example.com. (Full, serial 1, client had none) to {address} (All)", string.Join("\n", primary.Log.Lines), StringComparison.Ordinal);
        Assert.Empty(LiveZone.Differences((n, t) => LiveZone.Ask(primary, n, t), secondary.Query));

        LiveZone.Edit(primary, 2, "new IN A 127.0.0.60", "new IN AAAA ::1");
        await Eventually.True(() => secondary.Serial(LiveZone.Origin) == 2, $"{kind} serves serial 2");
        Assert.Contains($"transfer of example.com. (Incremental, serial 2, client had 1) to {address} (All)", string.Join("\n", primary.Log.Lines), StringComparison.Ordinal);
        Assert.Equal(["127.0.0.60"], LiveZone.Addresses(secondary.Query("new.example.com.", RecordType.A)));
        Assert.Empty(LiveZone.Differences((n, t) => LiveZone.Ask(primary, n, t), secondary.Query));
    }

    [Theory]
    [InlineData(SecondaryKind.Knot, "keymgr", "hmac-sha512")]
    [InlineData(SecondaryKind.Nsd, "tsig-keygen", "hmac-sha512")]
    [InlineData(SecondaryKind.Bind, "tsig-keygen", "hmac-sha256")]
    public async Task Secondary_WithAKeyFromItsOwnTools_TransfersSigned_AndTakesSignedNotify(SecondaryKind kind, string tool, string algorithm)
    {
        var key = tool == "keymgr" ? GeneratedKey.FromKeymgr("pi-pair", algorithm) : GeneratedKey.FromTsigKeygen("pi-pair", algorithm);
        using var backends = Backends.Start(LiveZone.Nodes);
        var address = AddressOf(kind);
        int port = FreePort.Find(address);
        var settings = Listed(address, port, "All");
        settings["Transfer:Secondaries:0:Key"] = key.Name;
        foreach (var (name, value) in key.Settings())
            settings[name] = value;
        await using var primary = await LiveZone.StartPrimaryAsync(backends, settings);
        using var secondary = StockSecondary.Start(kind, LiveZone.Origin, address, port, new IPEndPoint(IPAddress.Loopback, primary.Port), key.Tuple);
        Assert.Equal(1u, secondary.Serial(LiveZone.Origin));

        // The secondary takes NOTIFY only signed with the key, and transfers only signed: the edit arrives.
        LiveZone.Edit(primary, 2, "new IN A 127.0.0.60");
        await Eventually.True(() => secondary.Serial(LiveZone.Origin) == 2, $"{kind} serves serial 2");
        var log = string.Join("\n", primary.Log.Lines);
        Assert.Contains($"transfer of example.com. (Incremental, serial 2, client had 1) to {address} (All)", log, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected: TSIG", log, StringComparison.Ordinal);
        Assert.Empty(LiveZone.Differences((n, t) => LiveZone.Ask(primary, n, t), secondary.Query));
    }
}
