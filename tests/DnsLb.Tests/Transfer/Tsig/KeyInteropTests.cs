using DnsLb.Tests.Support;
using DnsLb.Transfer;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Tsig;

/// <summary>Keys made by Knot's keymgr, as an operator copies them into the settings, work with kdig against our writer.</summary>
public sealed class KeyInteropTests
{
    [Theory]
    [InlineData("hmac-sha256")]
    [InlineData("hmac-sha512")]
    [InlineData("hmac-sha384")]
    [InlineData("hmac-sha1")]
    public async Task KeymgrKey_ReadAsConfigured_SignsTransfersKdigVerifies(string algorithm)
    {
        var keymgr = ExternalTool.Require("keymgr", "knot");
        var (code, output, error) = ExternalTool.Run(keymgr, ["-t", "pi-pair", algorithm]);
        Assert.True(code == 0, error);
        // keymgr -t prints "# hmac-sha256:pi-pair:<secret>" then the same key as a knot.conf key: section.
        var line = output.Split('\n').First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Trim();
        var parts = line.Split(':');
        var secret = output.Split('\n').Single(l => l.TrimStart().StartsWith("secret:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        Assert.Equal(parts[2], secret);
        Assert.True(TsigKey.TryCreate(parts[1], parts[0], secret, out var key, out var problem), problem);
        Assert.Equal(algorithm, TsigAlgorithms.Name(key.Algorithm));

        var zones = new FakeZoneSource();
        zones.Set(TransferZones.Served(TransferZones.Large(1000)));
        var access = new TransferAccess([new TransferSecondary(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 53), TransferMembers.All, key)]);
        await using var server = new TransferTestServer(zones, access, new TsigKeyRing([key]));
        var (exit, transfer) = KdigRecords.Kdig(server.Port, "-y", line, "example.com.", "AXFR");
        Assert.True(exit == 0, transfer);
        Assert.Equal(TransferResult.Full, (await server.SingleOutcomeAsync()).Result);
        Assert.DoesNotContain("ERROR", transfer, StringComparison.Ordinal);
    }
}
