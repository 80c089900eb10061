using System.Net;
using System.Security.Cryptography.X509Certificates;
using DnsLb.Forwarding;
using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Forwarding;

/// <summary>DNS over TLS (RFC 7858) to a local TLS server whose certificate is valid for "dns.test" only.</summary>
public sealed class TlsUpstreamTests : IDisposable
{
    private readonly X509Certificate2 _certificate = TestCertificate.Create("dns.test");
    private readonly FakeUpstream _server;

    public TlsUpstreamTests()
    {
        _server = FakeUpstream.Start(certificate: _certificate);
        for (int i = 0; i < 20; i++)
            _server.AddA($"n{i}.example.net.", "127.0.0.30");
    }

    private ForwardingHarness Harness(string name, bool trusted = true, params string[] more) =>
        ForwardingHarness.Create([$"tls://{_server.Endpoint}#{name}", .. more], o =>
        {
            if (trusted)
                o.TrustedRootsForTests = [TestCertificate.PublicPart(_certificate)];
        });

    [Fact]
    public async Task ForwardAsync_TlsUpstream_AnswersOverOneReusedConnection()
    {
        await using var harness = Harness("dns.test");

        var first = await harness.AskAsync("n0.example.net.", RecordType.A);
        var concurrent = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => harness.AskAsync($"n{i}.example.net.", RecordType.A))));
        var later = await harness.AskAsync("n11.example.net.", RecordType.A);

        foreach (var response in concurrent.Append(first).Append(later))
            Assert.Equal(IPAddress.Parse("127.0.0.30"), ((AddressData)Assert.Single(response.Answers).Data).Address);
        Assert.Equal(12, _server.TcpQueries);
        Assert.Equal(0, _server.UdpQueries);
        Assert.Equal(1, _server.ConnectionsAccepted);
        var ids = _server.Received.Select(r => r.Query.Header.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task ForwardAsync_ServerClosedTheConnection_Reconnects()
    {
        await using var harness = Harness("dns.test");

        await harness.AskAsync("n0.example.net.", RecordType.A);
        _server.DropConnections();
        await Eventually.True(() => !((TlsUpstreamClient)harness.Forwarder.Upstreams[0].Client).HasOpenConnection, "the client saw the close");
        var after = await harness.AskAsync("n1.example.net.", RecordType.A);

        Assert.Single(after.Answers);
        Assert.Equal(2, _server.ConnectionsAccepted);
    }

    [Fact]
    public async Task ForwardAsync_CertificateForAnotherName_FailsOverToTheNextUpstream()
    {
        using var plain = FakeUpstream.Start("127.0.0.3");
        plain.AddA("n0.example.net.", "127.0.0.31");
        await using var harness = Harness("other.test", trusted: true, plain.Endpoint);

        var response = await harness.AskAsync("n0.example.net.", RecordType.A);

        Assert.Equal(IPAddress.Parse("127.0.0.31"), ((AddressData)Assert.Single(response.Answers).Data).Address);
        Assert.Equal(0, _server.TcpQueries);
        Assert.Equal(1, harness.Forwarder.Counters.Upstreams[0].Failures);
    }

    [Theory]
    [InlineData("other.test", true)]
    [InlineData("dns.test", false)]
    public async Task ForwardAsync_CertificateNotValidForTheUpstream_ServFail(string name, bool trusted)
    {
        await using var harness = Harness(name, trusted);

        var (response, elapsed) = await harness.TimedAskAsync("n0.example.net.", RecordType.A);

        Assert.Equal((int)ResponseCode.ServFail, response.ResponseCode);
        Assert.Equal(0, _server.TcpQueries);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}");
    }

    public void Dispose()
    {
        _server.Dispose();
        _certificate.Dispose();
    }
}
