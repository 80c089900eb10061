using System.ComponentModel.DataAnnotations;
using System.Net;

namespace DnsLb.Transport;

/// <summary>Where and how DnsLb listens. Bound from the <c>Dns</c> configuration section.</summary>
public sealed class TransportOptions : IValidatableObject
{
    public const string Section = "Dns";

    /// <summary>
    /// Addresses to listen on, UDP and TCP on each. The default value is <c>["0.0.0.0", "::"]</c> (every IPv4
    /// and IPv6 address). A list given on the command line or in the environment replaces the whole list;
    /// one value (<c>--Dns:Listen=127.0.0.1</c>) is a list of one.
    /// </summary>
    [MinLength(1, ErrorMessage = "give at least one address, e.g. --Dns:Listen=127.0.0.1")]
    public List<string> Listen { get; set; } = ["0.0.0.0", "::"];

    /// <summary>The DNS port. The default value is 53. 0 picks a free port (used by tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 53;

    /// <summary>UDP sockets (each with its own receive thread) per address. The default value is 0: one per CPU core.</summary>
    [Range(0, 64)]
    public int UdpSocketsPerAddress { get; set; }

    /// <summary>
    /// TCP connections served at once. At the limit a new connection takes the place of the one that has been
    /// idle longest; one answering a query is never closed for it. The default value is 256.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxTcpConnections { get; set; } = 256;

    /// <summary>
    /// A TCP connection idle this long is closed; once three quarters of <see cref="MaxTcpConnections"/> are
    /// taken, after a tenth of it (RFC 7766 §6.2.3). The default value is 10000 ms.
    /// </summary>
    [Range(100, 600_000)]
    public int TcpIdleTimeoutMs { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var addresses = new List<IPAddress>();
        foreach (var text in Listen)
        {
            if (!IPAddress.TryParse(text, out var address))
                yield return new ValidationResult($"'{text}' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::)", [nameof(Listen)]);
            else if (addresses.Contains(address))
                yield return new ValidationResult($"{address} is listed twice", [nameof(Listen)]);
            else
                addresses.Add(address);
        }
        // The wildcard already takes the port on every address of its family; a second socket would clash with it.
        foreach (var wildcard in addresses.Where(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)))
        {
            if (addresses.Any(a => !a.Equals(wildcard) && a.AddressFamily == wildcard.AddressFamily))
                yield return new ValidationResult($"{wildcard} already covers every address of its kind; list either it or single addresses", [nameof(Listen)]);
        }
    }
}
