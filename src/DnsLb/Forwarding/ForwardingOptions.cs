using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;

namespace DnsLb.Forwarding;

/// <summary>
/// Forwarding names outside every zone to upstream resolvers (the LAN-resolver role). Bound from the
/// <c>Forwarding</c> configuration section by the settings system, which checks the attributes and then
/// <see cref="Validate"/>. Off until <see cref="Upstreams"/> names at least one resolver.
/// </summary>
public sealed class ForwardingOptions : IValidatableObject
{
    public const string Section = "Forwarding";

    /// <summary>
    /// The resolvers asked for names outside the zones: <c>address[:port]</c> (<c>192.168.0.1</c>,
    /// <c>192.168.0.1:5353</c>), <c>[v6address]:port</c>, or <c>tls://address[:port]#name</c> for DNS over
    /// TLS (RFC 7858; port 853 unless given; the certificate must be valid for <c>name</c>). Addresses only,
    /// never host names: DnsLb must not need a resolver to find its resolver. The default value is an empty
    /// list: forwarding off, names outside the zones are REFUSED.
    /// </summary>
    public List<string> Upstreams { get; set; } = [];

    /// <summary>
    /// Client networks (CIDR, or single addresses) allowed to have names forwarded; everyone else gets
    /// REFUSED for names outside the zones, so DnsLb is never an open resolver. The default value (an empty
    /// list) is loopback, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, fc00::/7 and fe80::/10.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Answers kept in the cache at most; the least recently useful go first. 0 turns the cache off. The default value is 10000.</summary>
    [Range(0, 10_000_000)]
    public int CacheEntries { get; set; } = 10_000;

    /// <summary>No answer is cached (nor handed out) with a TTL above this. The default value is 86400 s (one day).</summary>
    [Range(1, 604_800)]
    public int MaxTtlSeconds { get; set; } = 86_400;

    /// <summary>
    /// Cap on how long a negative answer (NXDOMAIN, NODATA) is cached; RFC 2308 §5 finds one to three hours
    /// works well. The default value is 3600 s.
    /// </summary>
    [Range(0, 86_400)]
    public int MaxNegativeTtlSeconds { get; set; } = 3_600;

    /// <summary>
    /// How long after expiry an answer may still be served, with a TTL of 30 s, while every upstream fails
    /// (RFC 8767). 0 never serves stale answers. The default value is 3600 s.
    /// </summary>
    [Range(0, 259_200)]
    public int StaleSeconds { get; set; } = 3_600;

    /// <summary>
    /// After every upstream failed for a question, the SERVFAIL is remembered this long (RFC 9520 asks for at
    /// least 1 s, RFC 2308 §7.1 allows at most 5 minutes), so a client retrying at once does not start the
    /// whole failover again. The default value is 2 s.
    /// </summary>
    [Range(1, 300)]
    public int FailureCacheSeconds { get; set; } = 2;

    /// <summary>
    /// How long one upstream has to answer before the next is asked as well; the first one's answer still
    /// counts if it comes later. A failure (SERVFAIL, REFUSED, an unreadable answer, a network error) moves
    /// on at once. The default value is 800 ms.
    /// </summary>
    [Range(10, 10_000)]
    public int AttemptTimeoutMs { get; set; } = 800;

    /// <summary>
    /// The bound on one forwarded question: when no upstream has answered by then the client gets SERVFAIL
    /// (or a stale answer). The default value is 3000 ms.
    /// </summary>
    [Range(100, 30_000)]
    public int TimeoutMs { get; set; } = 3_000;

    /// <summary>
    /// Test hook, not bound from configuration: certificates trusted as roots for DNS-over-TLS upstreams
    /// instead of the system's store. Name checking stays on.
    /// </summary>
    internal X509Certificate2Collection? TrustedRootsForTests { get; set; }

    internal static readonly string[] DefaultAllowedNetworks =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fc00::/7", "fe80::/10"];

    internal IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks.Count > 0 ? AllowedNetworks : DefaultAllowedNetworks;

    internal bool Enabled => Upstreams.Count > 0;

    internal TimeSpan AttemptTimeout => TimeSpan.FromMilliseconds(AttemptTimeoutMs);

    internal TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);

    /// <summary>
    /// What the attributes cannot say: upstreams and networks that do not parse (each named by its position,
    /// <c>Upstreams:1</c>), and settings that contradict each other. Every problem is reported.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (int i = 0; i < Upstreams.Count; i++)
        {
            if (!UpstreamEndpoint.TryParse(Upstreams[i], out _, out var error))
                yield return new ValidationResult(error, [$"{nameof(Upstreams)}:{i}"]);
        }
        for (int i = 0; i < AllowedNetworks.Count; i++)
        {
            if (!NetworkPrefix.TryParse(AllowedNetworks[i], out _, out var error))
                yield return new ValidationResult(error, [$"{nameof(AllowedNetworks)}:{i}"]);
        }
        if (AttemptTimeoutMs > TimeoutMs)
            yield return new ValidationResult($"must not exceed {Section}:{nameof(TimeoutMs)} ({TimeoutMs})", [nameof(AttemptTimeoutMs)]);
    }
}
