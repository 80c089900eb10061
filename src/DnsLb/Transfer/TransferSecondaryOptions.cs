using System.ComponentModel.DataAnnotations;
using System.Net;

namespace DnsLb.Transfer;

/// <summary>One secondary this server is the primary for, an entry of <c>Transfer:Secondaries</c>.</summary>
public sealed class TransferSecondaryOptions : IValidatableObject
{
    /// <summary>
    /// The secondary's IP address: zone transfers are allowed from it, and NOTIFY goes to it. An address,
    /// never a host name. Required.
    /// </summary>
    public string Address { get; set; } = "";

    /// <summary>The port NOTIFY is sent to. The default value is 53.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 53;

    /// <summary>What the secondary is sent of the pool names: All (as written) or Healthy (what DnsLb answers now). The default value is All.</summary>
    public TransferMembers Members { get; set; } = TransferMembers.All;

    /// <summary>The name of a key in <c>Transfer:Keys</c> that its transfers and our NOTIFY must be signed with. The default value is none.</summary>
    public string? Key { get; set; }

    internal IPAddress? ParsedAddress => IPAddress.TryParse(Address.Trim(), out var address) && !Address.Contains('%', StringComparison.Ordinal) ? address : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParsedAddress is null)
            yield return new ValidationResult("must be the secondary's IP address (host names are not resolved)", [nameof(Address)]);
    }
}
