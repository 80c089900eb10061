using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// Validates one options type on start: binds its section again, strictly, to collect what binding could
/// not take (unknown keys, values that do not convert), then checks the bound values. Every problem of the
/// section is reported together, one line each, naming the setting, where it was given and what is allowed.
/// </summary>
internal sealed class SettingsValidator<TOptions>(IConfiguration configuration, string section, SettingsSchema schema) : IValidateOptions<TOptions>
    where TOptions : class, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name != Options.DefaultName)
            return ValidateOptionsResult.Skip;
        var problems = new List<SettingProblem>();
        new SettingsBinder(configuration, problems).Bind(section, new TOptions(), schema);
        SettingsValidation.Validate(options, section, problems);
        if (problems.Count == 0)
            return ValidateOptionsResult.Success;
        var sources = new SettingsSources(configuration);
        return ValidateOptionsResult.Fail(problems.Select(p => p.Format(sources)));
    }
}
