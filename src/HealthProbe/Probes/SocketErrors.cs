using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace HealthProbe.Probes;

/// <summary>
/// Turns a network failure into a failed <see cref="ProbeResult"/>: short, stable words for logs
/// ("connection refused"), and whether the node itself said so (<see cref="Evidence.Definitive"/>) or the
/// failure may be a fluke of the path or the moment (<see cref="Evidence.Ambiguous"/>).
/// </summary>
internal static class SocketErrors
{
    public static ProbeResult Failure(SocketException e) => e.SocketErrorCode switch
    {
        // The node's kernel answered: nothing listens on the port, or the connection was torn down.
        SocketError.ConnectionRefused => ProbeResult.Rejected("connection refused"),
        SocketError.ConnectionReset => ProbeResult.Rejected("connection reset"),
        // No answer, or an answer from something other than the node (a router, our own routing table).
        SocketError.TimedOut => ProbeResult.Failed("connect timed out"),
        SocketError.HostUnreachable => ProbeResult.Failed("host unreachable"),
        SocketError.NetworkUnreachable => ProbeResult.Failed("network unreachable"),
        SocketError.AddressNotAvailable => ProbeResult.Failed("address not available"),
        _ => ProbeResult.Failed(e.SocketErrorCode.ToString()),
    };

    public static ProbeResult Failure(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return Failure(socket);
                case AuthenticationException:
                    // The node presented a certificate (or TLS) that does not pass: asking again sees the same.
                    return ProbeResult.Rejected("TLS handshake failed: " + inner.Message);
            }
        }
        return e.HttpRequestError switch
        {
            // The node accepted the connection and its server closed it, or spoke something that is not HTTP.
            HttpRequestError.ResponseEnded => ProbeResult.Rejected("connection closed before a response"),
            HttpRequestError.SecureConnectionError => ProbeResult.Rejected("TLS handshake failed"),
            HttpRequestError.InvalidResponse => ProbeResult.Rejected("invalid HTTP response"),
            _ => ProbeResult.Failed(e.Message),
        };
    }
}
