using Microsoft.Extensions.Options;

namespace DnsLb.Forwarding;

/// <summary>Runs <see cref="ForwardingOptions.Validate"/> on start, so a bad setting stops DnsLb with every problem listed.</summary>
internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
