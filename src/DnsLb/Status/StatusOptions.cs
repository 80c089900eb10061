using System.ComponentModel.DataAnnotations;

namespace DnsLb.Status;

/// <summary>The status page, JSON API and metrics endpoint. Bound from the <c>Status</c> configuration section.</summary>
public sealed class StatusOptions : IValidatableObject
{
    public const string Section = "Status";

    /// <summary>The shortest API token accepted: a LAN can guess a short one.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// Address and port of the HTTP endpoint, <c>127.0.0.1:8053</c> or <c>[::1]:8053</c>; empty turns it off.
    /// Anything but a loopback address needs <see cref="ApiToken"/>. The default value is <c>127.0.0.1:8053</c>.
    /// </summary>
    public string Listen { get; set; } = "127.0.0.1:8053";

    /// <summary>
    /// The bearer token POST requests (drain, undrain) must send as <c>Authorization: Bearer &lt;token&gt;</c>;
    /// at least 16 characters. Required when <see cref="Listen"/> is not a loopback address. The default value
    /// is none: POST requests from this machine need no token.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>URLs (http or https) that get a small JSON POST on every member state change and drain. The default value is none.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>POST requests must carry the token.</summary>
    internal bool RequiresToken => !string.IsNullOrEmpty(ApiToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Listen.Length > 0)
        {
            if (!StatusListenAddress.TryParse(Listen, out var endPoint))
                yield return new ValidationResult("must be an IP address and a port, such as 127.0.0.1:8053 or [::1]:8053 (empty turns the status endpoint off)", [nameof(Listen)]);
            else if (!endPoint!.Address.IsLoopbackOrMapped() && !RequiresToken)
                yield return new ValidationResult($"listening beyond this machine needs Status:ApiToken, which drain and undrain must then send; set one (at least {MinimumTokenLength} characters) or listen on 127.0.0.1:{endPoint.Port}", [nameof(Listen)]);
        }
        if (ApiToken is { Length: > 0 } token && (token.Length < MinimumTokenLength || token.Any(char.IsWhiteSpace)))
            yield return new ValidationResult($"must be at least {MinimumTokenLength} characters, without blanks (e.g. from: openssl rand -hex 24)", [nameof(ApiToken)]);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in Webhooks)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                yield return new ValidationResult($"'{url}' is not an http:// or https:// URL", [nameof(Webhooks)]);
            else if (!seen.Add(uri.AbsoluteUri))
                yield return new ValidationResult($"'{url}' is listed twice", [nameof(Webhooks)]);
        }
    }
}
