using DnsLb.Protocol;
using DnsLb.Tests.Support;
using DnsLb.Transfer.Secondary;

namespace DnsLb.Tests.Transfer.Secondary;

/// <summary>The SOA check against a fake primary: TCP after a truncated UDP answer, and the answers that do not count.</summary>
public sealed class SoaQueryTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static SoaQueryClient Client() => new(TimeProvider.System, new TransferClientLimits(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));

    /// <summary>The SOA answer to <paramref name="query"/>, changed by <paramref name="change"/>.</summary>
    private static byte[] Answer(byte[] query, Action<DnsMessage>? change = null)
    {
        var message = DnsTestClient.Parse(query);
        message.Header.IsResponse = true;
        message.Header.IsAuthoritative = true;
        var zone = TransferZones.Version(12);
        message.Answers.Add(new ResourceRecord(zone.Origin, 1, zone.SoaSet.Ttl, zone.Soa));
        change?.Invoke(message);
        return message.Encode();
    }

    [Fact]
    public async Task Truncated_OverUdp_IsAskedAgainOverTcp()
    {
        await using var primary = new LoopbackResponder((query, _, index) => index == 0
            ? Answer(query, m => { m.Header.IsTruncated = true; m.Answers.Clear(); })
            : Answer(query));
        var check = await Client().QueryAsync(primary.EndPoint, Origin, null, CancellationToken.None);
        Assert.True(check.Succeeded, check.Error);
        Assert.Equal(12u, check.Serial);
        Assert.Equal(2, primary.Count);
    }

    [Fact]
    public async Task Answer_WithoutAa_DoesNotCount()
    {
        await using var primary = new LoopbackResponder((query, _, _) => Answer(query, m => m.Header.IsAuthoritative = false));
        var check = await Client().QueryAsync(primary.EndPoint, Origin, null, CancellationToken.None);
        Assert.False(check.Succeeded);
        Assert.Contains("not authoritative", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ToAnotherId_IsNotTaken()
    {
        await using var primary = new LoopbackResponder((query, _, _) => Answer(query, m => m.Header.Id ^= 0x5555));
        var check = await Client().QueryAsync(primary.EndPoint, Origin, null, CancellationToken.None);
        Assert.False(check.Succeeded);
        Assert.Contains("no answer", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_WithoutTheSoa_DoesNotCount()
    {
        await using var primary = new LoopbackResponder((query, _, _) => Answer(query, m => m.Answers.Clear()));
        var check = await Client().QueryAsync(primary.EndPoint, Origin, null, CancellationToken.None);
        Assert.False(check.Succeeded);
        Assert.Contains("no SOA", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPrimaryListening_FailsWithinTheLimit()
    {
        var check = await Client().QueryAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreePort.Find()), Origin, null, CancellationToken.None);
        Assert.False(check.Succeeded);
    }
}
