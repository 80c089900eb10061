using System.Net.Sockets;

namespace HealthProbe.Probes;

/// <summary>
/// Turns a network failure into a failed <see cref="ProbeResult"/>: short, stable words for logs
/// ("connection refused"), and whether the node itself said so (<see cref="Evidence.Definitive"/>) or the
/// failure may be a fluke of the path or the moment (<see cref="Evidence.Ambiguous"/>).
/// </summary>
internal static class SocketErrors
{
    public static ProbeResult Failure(SocketException e) => Failure(e.SocketErrorCode);

    public static ProbeResult Failure(SocketError error) => error switch
    {
        // The node's kernel answered: nothing listens on the port, or the connection was torn down.
        SocketError.ConnectionRefused => ProbeResult.Rejected("connection refused"),
        SocketError.ConnectionReset => ProbeResult.Rejected("connection reset"),
        // No answer, or an answer from something other than the node (a router, our own routing table).
        SocketError.TimedOut => ProbeResult.Failed("connect timed out"),
        SocketError.HostUnreachable => ProbeResult.Failed("host unreachable"),
        SocketError.NetworkUnreachable => ProbeResult.Failed("network unreachable"),
        SocketError.AddressNotAvailable => ProbeResult.Failed("address not available"),
        _ => ProbeResult.Failed(error.ToString()),
    };
}
