using System.Net.Sockets;
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
    public void Factories_SayWhatTheyMean()
    {
        Assert.Equal(Evidence.Definitive, ProbeResult.Ok().Evidence);
        Assert.Equal(Evidence.Definitive, ProbeResult.Rejected("HTTP 503").Evidence);
        Assert.Equal(Evidence.Ambiguous, ProbeResult.Failed("no answer").Evidence);
    }
}
