using System.ComponentModel.DataAnnotations;
using System.Text;

namespace DnsLb.Transfer.Identity;

/// <summary>
/// The name this instance gives when asked which server answered (<c>dig +nsid</c>, <c>dig CH TXT id.server</c>).
/// Bound from the <c>Dns</c> section, beside the listening settings.
/// </summary>
public sealed class IdentityOptions : IValidatableObject
{
    /// <summary>
    /// The text of the NSID option (RFC 5001) and of the <c>id.server.</c>/<c>hostname.bind.</c> CH TXT answer
    /// (RFC 4892), at most 255 bytes of UTF-8. The default value is empty: the host name.
    /// </summary>
    public string ServerId { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        int bytes = Encoding.UTF8.GetByteCount(ServerId.Trim());
        if (bytes > ServerIdentity.MaxLength)
            yield return new ValidationResult($"is {bytes} bytes long; at most {ServerIdentity.MaxLength} (one TXT string)", [nameof(ServerId)]);
    }
}
