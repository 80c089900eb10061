using DnsLb.Forwarding;
using DnsLb.Hosting.Settings;
using Microsoft.Extensions.Configuration;

namespace DnsLb.Tests.Forwarding;

/// <summary>Checks forwarding options the way the settings system does on start, one line per problem.</summary>
internal static class ForwardingSettings
{
    public static List<string> Problems(ForwardingOptions options)
    {
        var problems = new List<SettingProblem>();
        SettingsValidation.Validate(options, ForwardingOptions.Section, problems);
        var sources = new SettingsSources(new ConfigurationBuilder().Build());
        return [.. problems.Select(p => p.Format(sources))];
    }
}
