using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using HealthProbe.Probes;

namespace HealthProbe.Tests.Probes;

/// <summary>
/// Which failures are definitive (the node itself said no) and which are ambiguous (a fluke of the moment
/// or of the path is possible): the classification table, without sockets.
/// </summary>
public sealed class EvidenceTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused", Evidence.Definitive)]
    [InlineData(SocketError.ConnectionReset, "connection reset", Evidence.Definitive)]
    [InlineData(SocketError.TimedOut, "connect timed out", Evidence.Ambiguous)]
    [InlineData(SocketError.HostUnreachable, "host unreachable", Evidence.Ambiguous)]
    [InlineData(SocketError.NetworkUnreachable, "network unreachable", Evidence.Ambiguous)]
    [InlineData(SocketError.AddressNotAvailable, "address not available", Evidence.Ambiguous)]
    [InlineData(SocketError.ConnectionAborted, "ConnectionAborted", Evidence.Ambiguous)]
    public void SocketFailures_AreWeighed(SocketError error, string reason, Evidence evidence)
    {
        var result = SocketErrors.Failure(new SocketException((int)error));
        Assert.False(result.Success);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(evidence, result.Evidence);
    }

    [Fact]
    public void HttpFailure_WrappingASocketError_IsWeighedByTheSocketError()
    {
        var e = new HttpRequestException("send failed", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));
        Assert.Equal(ProbeResult.Rejected("connection reset"), SocketErrors.Failure(e));
    }

    [Fact]
    public void HttpFailure_CertificateRejected_IsDefinitive()
    {
        var e = new HttpRequestException("ssl", new AuthenticationException("remote certificate is invalid"));
        var result = SocketErrors.Failure(e);
        Assert.Equal(Evidence.Definitive, result.Evidence);
        Assert.Equal("TLS handshake failed: remote certificate is invalid", result.Reason);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded, Evidence.Definitive)]
    [InlineData(HttpRequestError.InvalidResponse, Evidence.Definitive)]
    [InlineData(HttpRequestError.SecureConnectionError, Evidence.Definitive)]
    [InlineData(HttpRequestError.Unknown, Evidence.Ambiguous)]
    [InlineData(HttpRequestError.ProxyTunnelError, Evidence.Ambiguous)]
    public void HttpFailures_AreWeighedByWhatTheNodeDid(HttpRequestError error, Evidence evidence) =>
        Assert.Equal(evidence, SocketErrors.Failure(new HttpRequestException(error, "failed")).Evidence);

    [Fact]
    public void Factories_SayWhatTheyMean()
    {
        Assert.Equal(Evidence.Definitive, ProbeResult.Ok().Evidence);
        Assert.Equal(Evidence.Definitive, ProbeResult.Rejected("HTTP 503").Evidence);
        Assert.Equal(Evidence.Ambiguous, ProbeResult.Failed("no answer").Evidence);
    }
}
