using Microsoft.Extensions.Options;

namespace DnsLb.Transfer.Secondary;

/// <summary>The keys the <c>Secondary</c> section names must be in <c>Transfer:Keys</c>: checked on start with the rest.</summary>
internal sealed class SecondaryKeyValidator(IOptions<TransferOptions> transfer) : IValidateOptions<SecondaryOptions>
{
    public ValidateOptionsResult Validate(string? name, SecondaryOptions options)
    {
        TransferOptions keys;
        try
        {
            keys = transfer.Value;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // the Transfer section reports its own problems; ours must not hide behind them
        }
        var problems = options.KeyProblems(keys).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
