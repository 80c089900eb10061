using System.ComponentModel.DataAnnotations;

namespace DnsLb.Transfer.Secondary;

/// <summary>One zone this server is a secondary for, under <c>Secondary:Zones:&lt;zone&gt;</c>.</summary>
public sealed class SecondaryZoneOptions : IValidatableObject
{
    /// <summary>The primaries, asked in this order: <c>address[:port]</c> or <c>[v6]:port</c> (port 53 unless given). At least one.</summary>
    public List<string> Primaries { get; set; } = [];

    /// <summary>The name of a key in <c>Transfer:Keys</c>: transfers and SOA checks are signed with it, NOTIFY must be. The default value is none.</summary>
    public string? Key { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Primaries.Count == 0)
            yield return new ValidationResult("needs at least one primary, as address[:port]", [nameof(Primaries)]);
        for (int i = 0; i < Primaries.Count; i++)
        {
            if (!PrimaryAddress.TryParse(Primaries[i], out _, out var error))
                yield return new ValidationResult(error, [$"{nameof(Primaries)}:{i}"]);
        }
    }
}
