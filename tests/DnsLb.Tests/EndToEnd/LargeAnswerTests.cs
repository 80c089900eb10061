using System.Text;
using DnsLb.Protocol;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.EndToEnd;

/// <summary>
/// 2,000 addresses at one name: the zone loads, a UDP answer says it is truncated, and TCP carries all
/// 2,000 records in one message (RFC 7766; about 32 KB with name compression).
/// </summary>
public sealed class LargeAnswerTests
{
    private static string Address(int i) => $"127.0.{i / 250}.{i % 250 + 1}";

    [Fact]
    public async Task Tcp_TwoThousandAddressesAtOneName_AreAnsweredWhole()
    {
        var text = new StringBuilder(TestZones.Header);
        for (int i = 0; i < 2_000; i++)
            text.Append($"many IN A {Address(i)}\n");
        await using var server = await TestServer.StartAsync(new Dictionary<string, string> { ["example.com.zone"] = text.ToString() });

        var tcp = DnsTestClient.Tcp(server.Port, "many.example.com.", RecordType.A);
        Assert.False(tcp.Header.IsTruncated);
        Assert.Equal(0, tcp.ResponseCode);
        Assert.Equal(Enumerable.Range(0, 2_000).Select(Address).Order(StringComparer.Ordinal),
            tcp.Answers.Select(r => r.Data.ToString()).Order(StringComparer.Ordinal));

        var udp = DnsTestClient.Udp(server.Port, "many.example.com.", RecordType.A);
        Assert.True(udp.Header.IsTruncated);
    }
}
