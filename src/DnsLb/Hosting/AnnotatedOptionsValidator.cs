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
        var failures = AnnotatedOptions.Check(options, section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The attribute check itself, for validators that check more than attributes.</summary>
internal static class AnnotatedOptions
{
    /// <summary>Every attribute failure of <paramref name="options"/>, each as <c>path:Setting = value: message</c>.</summary>
    public static List<string> Check(object options, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r =>
        {
            var member = r.MemberNames.FirstOrDefault() ?? "?";
            var value = options.GetType().GetProperty(member)?.GetValue(options);
            return $"{path}:{member} = {value}: {r.ErrorMessage}";
        })];
    }
}
