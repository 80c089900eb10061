using System.ComponentModel.DataAnnotations;

namespace DnsLb.Transport;

/// <summary>Where and how DnsLb listens. Bound from the <c>Dns</c> configuration section.</summary>
public sealed class TransportOptions
{
    public const string Section = "Dns";

    /// <summary>
    /// Addresses to listen on, UDP and TCP on each. The default value is <c>["0.0.0.0", "::"]</c> (every IPv4
    /// and IPv6 address). A list given on the command line or in the environment replaces the whole list.
    /// </summary>
    public List<string> Listen { get; set; } = ["0.0.0.0", "::"];

    /// <summary>The DNS port. The default value is 53. 0 picks a free port (used by tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 53;

    /// <summary>UDP sockets (each with its own receive thread) per address. The default value is 0: one per CPU core.</summary>
    [Range(0, 64)]
    public int UdpSocketsPerAddress { get; set; }

    /// <summary>TCP connections served at once; more are closed at accept. The default value is 256.</summary>
    [Range(1, 100_000)]
    public int MaxTcpConnections { get; set; } = 256;

    /// <summary>A TCP connection idle this long is closed (RFC 7766 §6.2.3). The default value is 10000 ms.</summary>
    [Range(100, 600_000)]
    public int TcpIdleTimeoutMs { get; set; } = 10_000;
}
