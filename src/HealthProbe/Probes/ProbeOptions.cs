using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace HealthProbe.Probes;

/// <summary>What to check on every node of a group.</summary>
public sealed class ProbeOptions : IValidatableObject
{
    /// <summary>Tcp, Http or Https. The default value is Http.</summary>
    public ProbeKind Kind { get; set; } = ProbeKind.Http;

    /// <summary>The port to check. The default value is 0: 80 for Http, 443 for Https; Tcp needs one.</summary>
    public int Port { get; set; }

    /// <summary>The path an HTTP(S) probe requests. The default value is "/".</summary>
    public string Path { get; set; } = "/";

    /// <summary>The Host header (and TLS server name) to send. The default value is none: the node's address.</summary>
    public string? Host { get; set; }

    /// <summary>HTTP status codes that count as healthy, "200-399" or "200". The default value is "200-399".</summary>
    public string ExpectedStatus { get; set; } = "200-399";

    /// <summary>Accept any TLS certificate (self-signed nodes). The default value is false: certificates are validated.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public int EffectivePort => Port != 0 ? Port : Kind switch
    {
        ProbeKind.Http => 80,
        ProbeKind.Https => 443,
        _ => 0,
    };

    /// <summary>Parses <see cref="ExpectedStatus"/>; false when it is not "N" or "N-M" with 100 ≤ N ≤ M ≤ 599.</summary>
    public bool TryGetStatusRange(out int from, out int to)
    {
        from = to = 0;
        var parts = ExpectedStatus.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out from)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out to))
        {
            return false;
        }
        return from is >= 100 and <= 599 && to >= from && to <= 599;
    }

    /// <summary>Every problem with these options, each naming its setting (Port, Path…).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Kind))
            yield return new ValidationResult("must be Tcp, Http or Https", [nameof(Kind)]);
        if (Port is < 0 or > 65535)
            yield return new ValidationResult("must be a port from 1 to 65535", [nameof(Port)]);
        else if (Kind == ProbeKind.Tcp && Port == 0)
            yield return new ValidationResult("a Tcp probe needs the port to connect to", [nameof(Port)]);
        if (Kind != ProbeKind.Tcp)
        {
            if (string.IsNullOrEmpty(Path) || Path[0] != '/')
                yield return new ValidationResult("must start with '/'", [nameof(Path)]);
            if (!TryGetStatusRange(out _, out _))
                yield return new ValidationResult("must be a status or a range such as 200-399", [nameof(ExpectedStatus)]);
            if (Host is not null && Uri.CheckHostName(Host) == UriHostNameType.Unknown)
                yield return new ValidationResult("is not a host name", [nameof(Host)]);
        }
    }
}
