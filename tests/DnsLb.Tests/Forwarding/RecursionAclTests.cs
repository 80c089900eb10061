using System.Net;
using System.Net.Sockets;
using DnsLb.Answering;
using DnsLb.Forwarding;

namespace DnsLb.Tests.Forwarding;

public sealed class RecursionAclTests
{
    private static readonly RecursionAcl Defaults = new(new ForwardingOptions().EffectiveAllowedNetworks);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.0.9", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("172.15.255.255", false)]
    [InlineData("192.168.0.122", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("169.254.10.10", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("febf::1", true)]
    [InlineData("fec0::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    public void IsAllowed_DefaultNetworks_AllowsOnlyLocalClients(string address, bool allowed) =>
        Assert.Equal(allowed, Defaults.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse(address))));

    [Fact]
    public void IsAllowed_ConfiguredNetworks_ReplaceTheDefaults()
    {
        var acl = new RecursionAcl(["192.168.1.7/24", "2001:db8::/32", "127.0.0.5"]);
        Assert.True(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("192.168.1.200"))));
        Assert.False(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("192.168.2.1"))));
        Assert.True(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("2001:db8:1::5"))));
        Assert.True(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("127.0.0.5"))));
        Assert.False(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("127.0.0.1"))));
        Assert.False(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("10.0.0.1"))));
    }

    [Fact]
    public void IsAllowed_ClientsOnDifferentLoopbackAddresses_JudgedByTheSourceOfTheirDatagram()
    {
        var acl = new RecursionAcl(["127.0.0.5/32"]);
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.ReceiveTimeout = 10_000;
        var verdicts = new Dictionary<string, bool>();
        foreach (var source in new[] { "127.0.0.5", "127.0.0.6" })
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            client.SendTo(new byte[] { 1 }, server.LocalEndPoint!);
            var from = new SocketAddress(AddressFamily.InterNetwork);
            server.ReceiveFrom(new byte[16], SocketFlags.None, from);
            Assert.True(ClientAddress.TryFromSocketAddress(from, out var address));
            verdicts[source] = acl.IsAllowed(address);
        }
        Assert.True(verdicts["127.0.0.5"]);
        Assert.False(verdicts["127.0.0.6"]);
    }

    [Fact]
    public void TryFromSocketAddress_IPv4MappedClientOfADualStackSocket_IsTheIPv4Address()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 5353).Serialize();
        Assert.True(ClientAddress.TryFromSocketAddress(mapped, out var address));
        Assert.Equal(ClientAddress.FromIPAddress(IPAddress.Parse("10.1.2.3")), address);
        Assert.True(address.IsIPv4);
    }
}
