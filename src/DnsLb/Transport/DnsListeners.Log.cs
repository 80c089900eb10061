using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="DnsListeners"/>, source-generated.</summary>
internal sealed partial class DnsListeners
{
    [LoggerMessage(Level = LogLevel.Information, Message = "listening on {Endpoint} (UDP, {UdpSockets} socket(s), and TCP)")]
    private static partial void LogListening(ILogger logger, string endpoint, int udpSockets);

    [LoggerMessage(Level = LogLevel.Debug, Message = "UDP {Endpoint}: the kernel does not let a program choose the socket by query ID (SO_ATTACH_REUSEPORT_CBPF); its hash of the client's address spreads the datagrams over the sockets")]
    private static partial void LogNoSteering(ILogger logger, string endpoint);
}
