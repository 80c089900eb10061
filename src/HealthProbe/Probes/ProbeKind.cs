namespace HealthProbe.Probes;

/// <summary>How a node is checked.</summary>
public enum ProbeKind
{
    /// <summary>A TCP connection to the port is accepted.</summary>
    Tcp,

    /// <summary>An HTTP GET of the path answers with an expected status.</summary>
    Http,

    /// <summary>The same over TLS; the certificate is validated unless self-signed ones are accepted.</summary>
    Https,
}
