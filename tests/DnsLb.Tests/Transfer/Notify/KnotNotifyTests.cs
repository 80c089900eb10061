using System.Net;
using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Tests.Transfer.Secondary;
using DnsLb.Tests.Transfer.Tsig;
using DnsLb.Transfer;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging.Abstractions;

namespace DnsLb.Tests.Transfer.Notify;

/// <summary>
/// NOTIFY with Knot DNS both ways: Knot as a secondary of our loopback primary (it transfers from our writer,
/// takes our NOTIFY, and comes back for the changes by IXFR), and Knot as a primary whose NOTIFY (over TCP, as
/// Knot sends it) our receiver turns into "refresh example.com now".
/// </summary>
public sealed class KnotNotifyTests
{
    private static readonly NotifySender Sender = new(TimeProvider.System, NotifyRetry.Default, NullLogger<NotifySender>.Instance);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KnotSecondary_TakesOurNotify_AndTransfersTheChangeIncrementally(bool tsig)
    {
        var key = tsig ? TsigTestKeys.Key(name: "transfer-key") : null;
        var zones = new FakeZoneSource();
        var served = TransferZones.Served(TransferZones.Version(1));
        zones.Set(served);
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, key)]);
        await using var primary = new TransferTestServer(zones, access, key is null ? null : TsigTestKeys.Ring(key));
        using var knot = KnotServer.StartSecondary("example.com", new KnotOptions
        {
            PrimaryPort = primary.Port,
            Keys = tsig ? [("transfer-key", "hmac-sha256", TsigVectors.Secret)] : [],
            TransferKey = tsig ? "transfer-key" : null,
        });
        Assert.Equal(1u, knot.Serial("example.com"));
        await primary.OutcomeAsync(TransferResult.Full);

        served = served.Next(TransferZones.Version(1, "added IN A 127.0.0.88"));
        zones.Set(served);
        var result = await Sender.NotifyAsync(knot.EndPoint, served.Zone, key, CancellationToken.None);
        Assert.Equal(NotifyStatus.Acknowledged, result.Status);

        await Eventually.True(() => knot.Serial("example.com") == 2, "Knot serves serial 2");
        await primary.OutcomeAsync(TransferResult.Incremental);
        var answer = DnsTestClient.Udp(knot.Port, "added.example.com.", RecordType.A);
        Assert.Equal("127.0.0.88", Assert.Single(answer.Answers).Data.ToString());
    }

    [Fact]
    public async Task KnotSecondary_NotifiedWithAWrongKey_RejectsIt()
    {
        var key = TsigTestKeys.Key(name: "transfer-key");
        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Version(1)));
        var access = new TransferAccess([new TransferSecondary(new IPEndPoint(IPAddress.Loopback, 53), TransferMembers.All, key)]);
        await using var primary = new TransferTestServer(zones, access, TsigTestKeys.Ring(key));
        using var knot = KnotServer.StartSecondary("example.com", new KnotOptions
        {
            PrimaryPort = primary.Port,
            Keys = [("transfer-key", "hmac-sha256", TsigVectors.Secret)],
            TransferKey = "transfer-key",
        });
        var wrong = TsigTestKeys.Key(name: "transfer-key", secret: "c2VjcmV0IHRoYXQgaXMgbm90IHRoZSBzYW1l");
        var result = await Sender.NotifyAsync(knot.EndPoint, TransferZones.Version(2), wrong, CancellationToken.None);
        Assert.Equal(NotifyStatus.Refused, result.Status);
        Assert.Equal("TSIG BadSig", result.Detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KnotPrimary_NotifiesUs_AndWeRefreshTheZone(bool tsig)
    {
        var key = tsig ? TsigTestKeys.Key(name: "transfer-key") : null;
        var decisions = new List<NotifyDecision>();
        // NOTIFY is accepted by the primary's address (its port is the one it listens on, not the one it sends from).
        var zone = new SecondaryZone(DnsName.Parse("example.com."), [new IPEndPoint(IPAddress.Loopback, 53)], key);
        await using var receiver = new LoopbackResponder((message, source, _) =>
        {
            var response = new byte[1024];
            var decision = NotifyReceiver.Evaluate(message, source.Address, [zone], key is null ? TsigKeyRing.Empty : TsigTestKeys.Ring(key),
                TimeProvider.System, response);
            lock (decisions)
                decisions.Add(decision);
            return response[..decision.ResponseLength];
        });
        using var knot = new KnotPrimary(tsig: tsig, journal: true, notifyPorts: [receiver.Port]);

        knot.Edit(7, "added IN A 127.0.0.89");

        await Eventually.True(() => { lock (decisions) return decisions.Any(d => d.HintSerial == 7); }, "Knot's NOTIFY for serial 7");
        NotifyDecision notified;
        lock (decisions)
            notified = decisions.Last(d => d.HintSerial == 7);
        Assert.Equal(NotifyVerdict.Refresh, notified.Verdict);
        Assert.Same(zone, notified.Zone);
    }
}
