using Microsoft.Extensions.Logging;

namespace DnsLb.Transport;

/// <summary>The log lines of <see cref="DnsListeners"/>, source-generated.</summary>
internal sealed partial class DnsListeners
{
    [LoggerMessage(Level = LogLevel.Information, Message = "listening on {Endpoint} (UDP, {UdpSockets} socket(s), and TCP)")]
    private static partial void LogListening(ILogger logger, string endpoint, int udpSockets);
}
