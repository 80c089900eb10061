using System.Net;
using DnsLb.Draining;

namespace DnsLb.Tests.Draining;

/// <summary>Drain files are named after the address they drain: IPv4 dotted, IPv6 in any form, with colons or dashes.</summary>
public sealed class DrainFileNameTests
{
    [Theory]
    [InlineData("192.168.0.121", "192.168.0.121")]
    [InlineData("127.0.0.12", "127.0.0.12")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:0db8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("2001-db8--1", "2001:db8::1")]
    [InlineData("2001-0DB8-0-0-0-0-0-1", "2001:db8::1")]
    [InlineData("--1", "::1")]
    [InlineData("::ffff:192.168.0.121", "192.168.0.121")]
    public void TryParse_AnAddress_GivesIt(string name, string address)
    {
        Assert.True(DrainFileName.TryParse(name, out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("README")]
    [InlineData(".192.168.0.121.swp")]
    [InlineData("192.168.0.121.swp")]
    [InlineData("192.168.0.121~")]
    [InlineData("10.1")]               // a short form some parsers accept: not a node's address as written
    [InlineData("3232235641")]
    [InlineData("192.168.0.256")]
    [InlineData("192.168.00000.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001-db8--1-")]
    [InlineData("drain-me")]
    public void TryParse_AnythingElse_IsNoDrainFile(string name) =>
        Assert.False(DrainFileName.TryParse(name, out _));
}
