using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DnsLb.Hosting;

/// <summary>
/// Checks an options object's <c>[Range]</c>/<c>[Required]</c> attributes and reports every failure at once,
/// each as <c>Section:Setting = value: what is wrong</c>, so an operator sees which line to fix.
/// </summary>
internal sealed class AnnotatedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
            return ValidateOptionsResult.Success;
        var failures = results.Select(r =>
        {
            var member = r.MemberNames.FirstOrDefault() ?? "?";
            var value = typeof(TOptions).GetProperty(member)?.GetValue(options);
            return $"{section}:{member} = {value}: {r.ErrorMessage}";
        });
        return ValidateOptionsResult.Fail(failures);
    }
}
