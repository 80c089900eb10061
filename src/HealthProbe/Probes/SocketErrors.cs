using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

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

    public static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return Describe(socket);
                case AuthenticationException:
                    return "TLS handshake failed: " + inner.Message;
            }
        }
        return e.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "connection closed before a response",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.InvalidResponse => "invalid HTTP response",
            _ => e.Message,
        };
    }
}
