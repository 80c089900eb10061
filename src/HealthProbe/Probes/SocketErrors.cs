using System.Net.Sockets;

namespace HealthProbe.Probes;

/// <summary>Short, stable words for why a probe failed, for logs ("connection refused").</summary>
internal static class SocketErrors
{
    public static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.TimedOut => "connect timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.AddressNotAvailable => "address not available",
        _ => e.SocketErrorCode.ToString(),
    };
}
