using System.ComponentModel.DataAnnotations;

namespace DnsLb.Draining;

/// <summary>The drain directory: a file named after an address drains that address. Bound from the <c>Drain</c> configuration section.</summary>
public sealed class DrainOptions : IValidatableObject
{
    public const string Section = "Drain";

    /// <summary>
    /// The folder whose files drain addresses: a file named <c>192.168.0.121</c> (IPv6: <c>2001:db8::1</c>, or
    /// <c>2001-db8--1</c> with a dash for every colon) drains that address in every pool, and removing it
    /// undrains it. Relative to the working directory. It need not exist: then nothing is drained by file,
    /// and creating it later works. The default value is <c>drain</c>.
    /// </summary>
    public string Directory { get; set; } = "drain";

    /// <summary>
    /// How often the folder is read again anyway, in case a change notification was missed (network file
    /// systems, a folder that did not exist yet); 0 = never. The default value is 5 s.
    /// </summary>
    [Range(0, 3600)]
    public int RescanSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Directory))
            yield return new ValidationResult("must name a folder (it need not exist), e.g. drain or /etc/dnslb/drain", [nameof(Directory)]);
        else if (Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            yield return new ValidationResult("is not a valid path", [nameof(Directory)]);
    }
}
